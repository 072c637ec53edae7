package dev.eddy.windowing;

/**
 * A value tagged with the window it belongs to: what the {@code down}, {@code late} and {@code meta}
 * streams of a {@link WindowOut} carry, as Bytewax's {@code (window_id, value)} tuples. Window ids
 * count from the windower's alignment and may be negative; late session items carry {@code -1}.
 *
 * <pre>{@code
 * var v = new WindowValue<>(3, "x");
 * System.out.println(v.windowId() + " " + v.value() + " " + v);
 * // 3 x (3, x)
 * }</pre>
 *
 * @param windowId the window's id
 * @param value the value
 */
public record WindowValue<T>(long windowId, T value) {

    /** Python-tuple style, as Bytewax prints {@code (window_id, value)}. */
    @Override
    public String toString() {
        return "(" + windowId + ", " + value + ")";
    }
}
