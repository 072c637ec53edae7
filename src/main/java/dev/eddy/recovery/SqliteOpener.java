package dev.eddy.recovery;

import dev.eddy.runtime.RecoveryStore;
import java.nio.file.Path;

/**
 * The {@link RecoveryStore.Opener} that {@link RecoveryStore#open} finds through {@code ServiceLoader}
 * ({@code META-INF/services}): {@link Recovery#open(Path, String)}.
 */
public final class SqliteOpener implements RecoveryStore.Opener {

    @Override
    public RecoveryStore open(Path dir, String flowId) {
        return Recovery.open(dir, flowId);
    }
}
