package dev.eddy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.dataflow.StatefulBatchLogic;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * A stateful step hands each key its values of a batch in arrival order, keys in {@link KeyOrder}, whether it
 * keys raw items itself (a key_on step just before it, fused) or reads the key_on step's KVs; keys of mixed types,
 * runs of one key and batches of a single key included.
 */
class GroupByKeyProperties {

    /** Items are ints; the key is a Long, a String or an Integer depending on the item, so types mix in a batch. */
    private static Object keyOf(int item) {
        int k = Math.floorMod(item, 7);
        return switch (Math.floorMod(item, 3)) {
            case 0 -> (long) k;
            case 1 -> "s" + k;
            default -> k;
        };
    }

    /** Emits the values of every call as text, so the output names each call's key and values. */
    private static final class Recorder implements StatefulBatchLogic<Integer, String, String> {
        @Override
        public boolean onBatch(List<Integer> values, Consumer<? super String> out) {
            out.accept(values.toString());
            return RETAIN;
        }

        @Override
        public String snapshot() {
            return "";
        }
    }

    private static List<String> calls(List<Integer> items, int batchSize, boolean fused) {
        Dataflow flow = new Dataflow("g");
        KeyedStream<Object, Integer> keyed = flow.input("inp", TestingSource.of(items, batchSize))
                .keyOn("key", GroupByKeyProperties::keyOf);
        if (!fused) {
            keyed.output("seen", new TestingSink<>(new ArrayList<>()));
        }
        List<KV<Object, String>> out = new ArrayList<>();
        keyed.<String, String>statefulBatch("record", resume -> new Recorder()).output("out", new TestingSink<>(out));
        Runner.runMain(flow);
        return out.stream().map(kv -> kv.key() + ": " + kv.value()).toList();
    }

    /** The model: per batch, each key's values in arrival order, keys sorted. */
    private static List<String> expected(List<Integer> items, int batchSize) {
        List<String> calls = new ArrayList<>();
        for (int from = 0; from < items.size(); from += batchSize) {
            Map<Object, List<Integer>> byKey = new LinkedHashMap<>();
            for (int item : items.subList(from, Math.min(items.size(), from + batchSize))) {
                byKey.computeIfAbsent(keyOf(item), k -> new ArrayList<>()).add(item);
            }
            byKey.keySet().stream().sorted(KeyOrder.INSTANCE).forEach(k -> calls.add(k + ": " + byKey.get(k)));
        }
        return calls;
    }

    @Property(tries = 300)
    void fusedAndPlainKeyingHandOutTheSameBatches(@ForAll("items") List<Integer> items,
                                                   @ForAll @IntRange(min = 1, max = 12) int batchSize) {
        List<String> fused = calls(items, batchSize, true);
        assertThat(fused).isEqualTo(calls(items, batchSize, false)).isEqualTo(expected(items, batchSize));
    }

    @Provide
    Arbitrary<List<Integer>> items() {
        // Few distinct items, so runs of one key are common; a run of the same item spans whole batches.
        Arbitrary<Integer> item = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 20)),
                Tuple.of(1, Arbitraries.integers().between(-1000, 1000)));
        return item.list().ofMaxSize(60).flatMap(list -> Arbitraries.integers().between(1, 5)
                .map(repeat -> {
                    List<Integer> out = new ArrayList<>();
                    for (int x : list) {
                        for (int i = 0; i < (Math.floorMod(x, 4) == 0 ? repeat : 1); i++) {
                            out.add(x);
                        }
                    }
                    return out;
                }));
    }
}
