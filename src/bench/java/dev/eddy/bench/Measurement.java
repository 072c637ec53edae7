package dev.eddy.bench;

import java.util.Arrays;

/**
 * One engine's timings on one workload: the first (cold) run, reported apart, and the measured warm runs, of which
 * the median counts and the range is shown.
 *
 * @param agrees    whether its results equal the hand loop's on the same input
 * @param peakHeap  the largest heap in use during a measured run, in bytes, input included; -1 if unknown
 */
public record Measurement(String engine, Workload workload, int events, double coldSeconds, double[] seconds,
                          boolean agrees, long peakHeap) {

    public double medianSeconds() {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public double minSeconds() {
        return Arrays.stream(seconds).min().orElse(Double.NaN);
    }

    public double maxSeconds() {
        return Arrays.stream(seconds).max().orElse(Double.NaN);
    }

    /** Input events per second at the median run. */
    public double eventsPerSecond() {
        return events / medianSeconds();
    }

    public double nanosPerEvent() {
        return medianSeconds() * 1e9 / events;
    }

    public boolean timed() {
        return seconds.length > 0;
    }
}
