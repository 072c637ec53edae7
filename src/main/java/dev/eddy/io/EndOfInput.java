package dev.eddy.io;

/**
 * Thrown by a source partition's {@code nextBatch()} when it has no more items, as Python's
 * {@code StopIteration} ends a Bytewax partition. It carries no stack trace: it is a signal, not a
 * failure.
 *
 * <pre>{@code
 * StatelessSourcePartition<String> empty = () -> { throw new EndOfInput(); };
 * }</pre>
 */
public final class EndOfInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Signals the end of a partition. */
    public EndOfInput() {
        super("end of input", null, false, false);
    }
}
