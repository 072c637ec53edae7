package dev.eddy.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where a run keeps its snapshots and how long it holds old ones, as Bytewax's {@code RecoveryConfig}:
 * the directory of a recovery store made with {@code Recovery.initDbDir}, and the backup interval, the
 * system time for which snapshots are kept after a newer one exists (so partitions backed up one by one
 * still share an epoch to resume from). Bytewax's default backup interval is zero.
 *
 * <pre>{@code
 * var config = new RecoveryConfig(Path.of("recovery/clicks"), Duration.ZERO, List.of());
 * System.out.println(config.backupInterval());
 * // PT0S
 * }</pre>
 *
 * @param dir the store's directory, holding {@code part-0.sqlite3} and the rest
 * @param backupInterval how long snapshots are kept after a newer one; not negative
 * @param allowedClassPrefixes packages of the user's own state classes, such as {@code "com.example."}
 */
public record RecoveryConfig(Path dir, Duration backupInterval, List<String> allowedClassPrefixes) {

    public RecoveryConfig {
        Objects.requireNonNull(dir, "RecoveryConfig dir can't be null");
        Objects.requireNonNull(backupInterval, "RecoveryConfig backupInterval can't be null; use Duration.ZERO");
        if (backupInterval.isNegative()) {
            throw new IllegalArgumentException("RecoveryConfig backupInterval must not be negative; got "
                    + backupInterval + " instead");
        }
        allowedClassPrefixes = List.copyOf(allowedClassPrefixes);
    }
}
