package dev.eddy.dataflow;

/**
 * What a {@code statefulMap} mapper returns: the key's new state and the value to emit. A
 * {@code null} state discards the key's state; the next value of the key starts afresh.
 *
 * <pre>{@code
 * BiFunction<Integer, Integer, Mapped<Integer, Integer>> runningSum = (sum, x) -> {
 *     int next = (sum == null ? 0 : sum) + x;
 *     return Mapped.of(next, next);
 * };
 * }</pre>
 *
 * @param state the new state, or {@code null} to discard it
 * @param value what to emit
 */
public record Mapped<S, W>(S state, W value) {

    /** A new state and the value to emit. */
    public static <S, W> Mapped<S, W> of(S state, W value) {
        return new Mapped<>(state, value);
    }

    /** Emits {@code value} and discards the key's state. */
    public static <S, W> Mapped<S, W> discard(W value) {
        return new Mapped<>(null, value);
    }
}
