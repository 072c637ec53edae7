package dev.eddy.recovery;

import dev.eddy.runtime.RecoveryStore;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@link RecoveryStore.Opener} that {@link RecoveryStore#open} finds through {@code ServiceLoader}
 * ({@code META-INF/services}): {@link Recovery#open(Path, String, SnapshotCodec)} with the standard codec
 * allowing the given class-name prefixes.
 */
public final class SqliteOpener implements RecoveryStore.Opener {

    @Override
    public RecoveryStore open(Path dir, String flowId, List<String> allowedClassPrefixes) {
        return Recovery.open(dir, flowId, SnapshotCodec.standard().allowing(allowedClassPrefixes.toArray(String[]::new)));
    }
}
