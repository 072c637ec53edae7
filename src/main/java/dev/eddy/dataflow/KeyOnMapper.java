package dev.eddy.dataflow;

import java.util.List;

/**
 * The batch mapper of a {@code key_on} step: pairs each item with its key as a {@link KV}. A runtime
 * that feeds the keyed items straight into a stateful step may call {@link #keyOf} instead and skip the
 * {@code KV}; both fail the same way on a {@code null} key or a throwing key function.
 *
 * <pre>{@code
 * var flow = new Dataflow("key_on_mapper_eg");
 * flow.input("inp", TestingSource.of("apple")).keyOn("first", s -> s.substring(0, 1)).inspect("out");
 * for (Step step : flow.primitiveSteps()) {
 *     if (step.primitive() instanceof Primitive.FlatMapBatch f && f.mapper() instanceof KeyOnMapper k) {
 *         System.out.println(step.id() + ": " + k.keyOf("banana") + " " + k.apply(List.of("cherry")));
 *     }
 * }
 * // key_on_mapper_eg.first.map.flat_map_batch: b [(c, cherry)]
 * }</pre>
 */
public final class KeyOnMapper implements AppendingMapper {

    private final SerializableFunction<Object, ?> key;
    private final String qualified;

    KeyOnMapper(SerializableFunction<Object, ?> key, String qualified) {
        this.key = key;
        this.qualified = qualified;
    }

    /**
     * The item's key; a {@link StepException} naming the {@code key_on} step if the function fails or returns
     * {@code null} or an array (arrays compare by identity, so equal arrays would be different keys).
     */
    public Object keyOf(Object item) {
        Object k;
        try {
            k = key.apply(item);
        } catch (StepException e) {
            throw e;
        } catch (Throwable e) {
            throw new StepException("key_on", qualified, item, e);
        }
        if (k == null) {
            throw StepException.withMessage("key function in key_on step '" + qualified
                    + "' must return a non-null key; got null instead for item " + StepException.shorten(item),
                    qualified, item, null);
        }
        if (k.getClass().isArray()) {
            throw StepException.withMessage("key function in key_on step '" + qualified + "' must return a key that"
                    + " compares by content; got an array (" + k.getClass().getComponentType().getName() + "[])"
                    + " instead for item " + StepException.shorten(item) + ", and equal arrays are different keys;"
                    + " return a List (List.of(...)) or a record instead", qualified, item, null);
        }
        return k;
    }

    /** Appends each item as {@code KV(keyOf(item), item)}, in order. */
    @Override
    public void mapInto(List<Object> batch, List<Object> out) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            Object item = batch.get(i);
            out.add(new KV<>(keyOf(item), item));
        }
    }
}
