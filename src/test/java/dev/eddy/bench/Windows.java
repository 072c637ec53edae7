package dev.eddy.bench;

import dev.eddy.bench.nexmark.NexmarkGenerator;
import java.time.Duration;

/** The window sizes and watermark delay every engine is configured with, in millis. */
public final class Windows {

    /** Event clocks wait this long: Nexmark's {@code WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND}. */
    public static final long WAIT = 4_000;
    public static final long MINUTE = 60_000;
    public static final long Q5_LENGTH = 10_000;
    public static final long Q5_SLIDE = 2_000;
    public static final long Q7_LENGTH = 10_000;
    public static final long Q11_GAP = 10_000;
    /** Windows are aligned to the generator's base time, which is a multiple of every length above. */
    public static final long ALIGN = NexmarkGenerator.BASE_TIME;

    private Windows() {
    }

    public static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }

    /** The start of the tumbling window of {@code length} holding {@code time}. */
    public static long tumblingStart(long time, long length) {
        return ALIGN + Math.floorDiv(time - ALIGN, length) * length;
    }
}
