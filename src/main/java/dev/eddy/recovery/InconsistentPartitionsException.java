package dev.eddy.recovery;

/**
 * As Bytewax's {@code InconsistentPartitionsError}: the partitions don't belong together, or come from
 * times too far apart to share a resume epoch (some were garbage-collected past it), or disagree on
 * the partition count or the flow.
 */
public final class InconsistentPartitionsException extends RecoveryException {
    private static final long serialVersionUID = 1L;

    InconsistentPartitionsException(String message) {
        super(message);
    }
}
