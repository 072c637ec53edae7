package dev.eddy.windowing;

import java.time.Duration;
import java.time.Instant;

/**
 * Back-to-back windows of one length, as Bytewax's {@code TumblingWindower}: a sliding windower whose
 * offset is its length, so each value is in exactly one window, {@code floor((ts - alignTo) / length)}.
 *
 * <pre>{@code
 * var w = new TumblingWindower(Duration.ofSeconds(2), Instant.parse("2023-01-01T00:00:00Z"));
 * var ids = new WindowIds();
 * w.build(null).openFor(Micros.of(Instant.parse("2022-01-01T00:00:01Z")), ids);
 * System.out.println(ids);
 * // [-15768000]
 * }</pre>
 *
 * @param length each window's length; positive
 * @param alignTo the start of window 0; between years 1 and 9999
 */
public record TumblingWindower(Duration length, Instant alignTo) implements Windower<SlidingState> {

    public TumblingWindower {
        Check.duration(length, "TumblingWindower length", false, null);
        Check.instant(alignTo, "TumblingWindower alignTo");
    }

    @Override
    public WindowerLogic<SlidingState> build(SlidingState resumeState) {
        long len = Micros.of(length);
        return new SlidingWindowerLogic(len, len, Micros.of(alignTo), resumeState);
    }
}
