package dev.eddy.windowing;

/**
 * One key's windows, as Bytewax's {@code WindowerLogic}: which windows a timestamp opens or would
 * have been in, which windows merged, and which close at a watermark. Times are {@link Micros}.
 *
 * <pre>{@code
 * WindowerLogic<?> logic = new SessionWindower(Duration.ofSeconds(5)).build(null);
 * var ids = new WindowIds();
 * logic.openFor(Micros.of(Instant.ofEpochSecond(1)), ids);
 * logic.closeFor(Micros.UTC_MAX, (id, meta) -> System.out.println(id + " " + meta.closeTime()));
 * // 0 1970-01-01T00:00:01Z
 * }</pre>
 *
 * @param <S> its snapshot
 */
public interface WindowerLogic<S> {

    /** Receives each window that closes, with its metadata. */
    @FunctionalInterface
    interface ClosedSink {
        /** Window {@code windowId} closed. */
        void closed(long windowId, WindowMetadata meta);
    }

    /** Adds to {@code out} the ids of the windows a value at {@code timestamp} belongs to, opening them. */
    void openFor(long timestamp, WindowIds out);

    /**
     * Whether every timestamp belongs to exactly one window, as with tumbling and session windows; then
     * {@link #openWindow} may be called instead of {@link #openFor}.
     */
    default boolean opensOneWindow() {
        return false;
    }

    /** The one window a value at {@code timestamp} belongs to, opened; only when {@link #opensOneWindow()}. */
    default long openWindow(long timestamp) {
        WindowIds ids = new WindowIds();
        openFor(timestamp, ids);
        if (ids.size() != 1) {
            throw new IllegalStateException("openWindow needs exactly one window per timestamp; got " + ids
                    + " instead for " + Micros.toInstant(timestamp));
        }
        return ids.get(0);
    }

    /** Adds to {@code out} the ids a late value at {@code timestamp} is reported under; changes nothing. */
    void lateFor(long timestamp, WindowIds out);

    /** Adds to {@code out} each merge since the last call as a pair {@code original, target}. */
    void merged(WindowIds out);

    /** Removes the windows that close at {@code watermark} and hands each to {@code out}, in order. */
    void closeFor(long watermark, ClosedSink out);

    /** The event time at which the next window would close, or {@link Micros#NEVER}. */
    long notifyAt();

    /** Whether the key's state may be discarded. */
    boolean isEmpty();

    /** The state to resume from. */
    S snapshot();
}
