package dev.eddy.recovery;

/** As Bytewax's {@code MissingPartitionsError}: some of the store's partitions are not in the directory. */
public final class MissingPartitionsException extends RecoveryException {
    private static final long serialVersionUID = 1L;

    MissingPartitionsException(String message) {
        super(message);
    }
}
