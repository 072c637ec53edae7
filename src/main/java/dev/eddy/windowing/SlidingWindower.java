package dev.eddy.windowing;

import java.time.Duration;
import java.time.Instant;

/**
 * Fixed-length windows that start every {@code offset}, as Bytewax's {@code SlidingWindower}: window
 * {@code i} covers {@code [alignTo + i*offset, alignTo + i*offset + length)}, so ids before
 * {@code alignTo} are negative, and a value belongs to every window that covers it. A window closes
 * once the watermark reaches its close time.
 *
 * <pre>{@code
 * var w = new SlidingWindower(Duration.ofSeconds(10), Duration.ofSeconds(5), Instant.parse("2023-03-16T09:00:00Z"));
 * var ids = new WindowIds();
 * w.build(null).openFor(Micros.of(Instant.parse("2023-03-16T08:59:57Z")), ids);
 * System.out.println(ids);
 * // [-2, -1]
 * }</pre>
 *
 * @param length each window's length; positive
 * @param offset the time between window starts; positive and at most {@code length}
 * @param alignTo the start of window 0; between years 1 and 9999
 */
public record SlidingWindower(Duration length, Duration offset, Instant alignTo) implements Windower<SlidingState> {

    public SlidingWindower {
        Check.duration(length, "SlidingWindower length", false, null);
        Check.duration(offset, "SlidingWindower offset", false,
                "an offset of zero would put every value in infinitely many windows");
        Check.instant(alignTo, "SlidingWindower alignTo");
        if (offset.compareTo(length) > 0) {
            throw new IllegalArgumentException("SlidingWindower offset must be at most length; got offset=" + offset
                    + ", length=" + length + " instead; there would be gaps between windows");
        }
    }

    @Override
    public WindowerLogic<SlidingState> build(SlidingState resumeState) {
        return new SlidingWindowerLogic(Micros.of(length), Micros.of(offset), Micros.of(alignTo), resumeState);
    }
}
