package dev.eddy.recovery;

/** As Bytewax's {@code NoPartitionsError}: the recovery directory holds no partition; is it the right one? */
public final class NoPartitionsException extends RecoveryException {
    private static final long serialVersionUID = 1L;

    NoPartitionsException(String message) {
        super(message);
    }
}
