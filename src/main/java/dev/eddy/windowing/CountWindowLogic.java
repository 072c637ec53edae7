package dev.eddy.windowing;

import java.util.function.Consumer;

/** {@code countWindow}'s fold ({@code () -> 0, (s, v) -> s + 1, Long::sum}) on a primitive counter. */
final class CountWindowLogic<V> implements WindowLogic<V, Long, Long> {

    private long count;

    CountWindowLogic(Long resume) {
        this.count = resume == null ? 0 : resume;
    }

    @Override
    public void onValue(V value, Consumer<? super Long> out) {
        count++;
    }

    @Override
    public void onMerge(WindowLogic<V, Long, Long> original, Consumer<? super Long> out) {
        count += ((CountWindowLogic<V>) original).count;
    }

    @Override
    public void onClose(Consumer<? super Long> out) {
        out.accept(count);
    }

    @Override
    public Long snapshot() {
        return count;
    }
}
