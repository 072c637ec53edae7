package dev.eddy.windowing;

import java.time.Instant;

/**
 * What an {@link EventClock} keeps per key, as Bytewax's {@code _EventClockState}: the system time at
 * which the newest timestamp arrived and the watermark it set.
 *
 * <pre>{@code
 * var state = new EventClockState(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:02Z"));
 * System.out.println(state.watermarkBase());
 * // 2024-01-01T00:00:02Z
 * }</pre>
 *
 * @param systemTimeOfMaxEvent system time when {@code watermarkBase} was set
 * @param watermarkBase the watermark at that time
 */
public record EventClockState(Instant systemTimeOfMaxEvent, Instant watermarkBase) {
}
