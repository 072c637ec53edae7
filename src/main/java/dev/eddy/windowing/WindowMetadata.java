package dev.eddy.windowing;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What is known about a window when it closes. For sliding and tumbling windows it spans
 * {@code [openTime, closeTime)}; for a session, {@code openTime} and {@code closeTime} are its first and
 * last timestamps, both included, and {@code mergedIds} names the sessions merged directly into it.
 *
 * <pre>{@code
 * var meta = new WindowMetadata(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:10Z"));
 * System.out.println(meta.openTime() + " " + meta.mergedIds());
 * // 2024-01-01T00:00:00Z []
 * }</pre>
 *
 * @param openTime when the window opens
 * @param closeTime when it closes
 * @param mergedIds ids of windows merged into this one
 */
public record WindowMetadata(Instant openTime, Instant closeTime, Set<Long> mergedIds) {

    public WindowMetadata {
        Objects.requireNonNull(openTime, "WindowMetadata openTime can't be null");
        Objects.requireNonNull(closeTime, "WindowMetadata closeTime can't be null");
        mergedIds = mergedIds == null ? Set.of() : Set.copyOf(mergedIds);
    }

    /** A window nothing merged into. */
    public WindowMetadata(Instant openTime, Instant closeTime) {
        this(openTime, closeTime, Set.of());
    }
}
