package dev.eddy.recovery;

/**
 * A recovery store that can't be used as it is: not a partition, corrupt, of another format or flow.
 * The message names the file and says what to do; the store was left as it was.
 */
public class RecoveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecoveryException(String message) {
        super(message);
    }

    public RecoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
