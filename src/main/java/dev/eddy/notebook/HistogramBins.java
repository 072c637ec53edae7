package dev.eddy.notebook;

import java.util.Arrays;
import java.util.Map;

/**
 * The bins plotly.js draws for a histogram trace, so the static picture matches the interactive chart: the
 * trace's {@code xbins} (start, end, size) when given; else a bin size from {@code nbinsx} (a hint, rounded to a
 * "nice" 1, 2 or 5 times a power of ten) or, without one, from the spread of the data; edges shifted so integers
 * and values on the edges don't sit between two bins. Bins include their start and exclude their end.
 */
record HistogramBins(double start, double size, int count) {

    /** The bins of {@code trace} (a plotly histogram trace) over {@code data}, which must hold no NaN. */
    static HistogramBins of(double[] data, Map<String, Object> trace) {
        if (data.length == 0) return new HistogramBins(0, 1, 1);
        double min = Arrays.stream(data).min().orElseThrow();
        double max = Arrays.stream(data).max().orElseThrow();
        Map<?, ?> xbins = trace.get("xbins") instanceof Map<?, ?> m ? m : Map.of();
        if (xbins.get("size") instanceof Number size && size.doubleValue() > 0) {
            double start = xbins.get("start") instanceof Number s ? s.doubleValue() : auto(data, min, max, size.doubleValue()).start;
            double end = xbins.get("end") instanceof Number e ? e.doubleValue() : max;
            int count = Math.max(1, (int) Math.ceil((end - start) / size.doubleValue() - 1e-9));
            if (start + count * size.doubleValue() <= max && !(xbins.get("end") instanceof Number)) count++;
            return new HistogramBins(start, size.doubleValue(), count);
        }
        int nbins = trace.get("nbinsx") instanceof Number n ? n.intValue() : 0;
        double rough = nbins > 0 ? (max - min) / nbins : spreadSize(data);
        return auto(data, min, max, rough > 0 && Double.isFinite(rough) ? rough : 1);
    }

    /** How many values fall in each bin. */
    long[] counts(double[] data) {
        long[] counts = new long[count];
        for (double v : data) {
            int i = (int) Math.floor((v - start) / size);
            if (i >= 0 && i < count) counts[i]++;
        }
        return counts;
    }

    double end() {
        return start + count * size;
    }

    /** Nice bin edges around {@code [min, max]} for a rough bin size. */
    private static HistogramBins auto(double[] data, double min, double max, double rough) {
        double size = nice(rough);
        double firstEdge = Math.ceil(min / size - 1e-9) * size;
        double start = shift(firstEdge - size, data, size, min);
        int count = 1 + (int) Math.floor((max - start) / size);
        return new HistogramBins(start, size, count);
    }

    /** Bin size from the data's spread, never below its smallest gap between distinct values (rounded down). */
    private static double spreadSize(double[] data) {
        double[] distinct = Arrays.stream(data).sorted().distinct().toArray();
        double minGap = Double.MAX_VALUE;
        for (int i = 1; i < distinct.length; i++) minGap = Math.min(minGap, distinct[i] - distinct[i - 1]);
        if (distinct.length < 2) return 1;
        double exp = Math.pow(10, Math.floor(Math.log10(minGap)));
        double ratio = minGap / exp;
        double step = ratio >= 9.9 ? 9.9 : ratio >= 4.9 ? 4.9 : ratio >= 1.9 ? 1.9 : 0.9;
        double minSize = exp * step;
        double mean = Arrays.stream(data).average().orElse(0);
        double variance = Arrays.stream(data).map(v -> (v - mean) * (v - mean)).sum() / data.length;
        return Math.max(minSize, 2 * Math.sqrt(variance) / Math.pow(data.length, 0.4));
    }

    /** The smallest of 2, 5 or 10 times the power of ten below {@code rough} that is at least {@code rough}. */
    private static double nice(double rough) {
        double base = Math.pow(10, Math.floor(Math.log10(rough)));
        double ratio = rough / base;
        double step = ratio <= 2 ? 2 : ratio <= 5 ? 5 : 10;
        return base * step;
    }

    /** Moves the first edge so all-integer data sit mid-bin, and data crowding the edges move half a bin. */
    private static double shift(double start, double[] data, double size, double min) {
        boolean integers = Arrays.stream(data).allMatch(v -> v % 1 == 0);
        if (integers) {
            if (size < 1) return min - 0.5 * size;
            double shifted = start - 0.5;
            return shifted + size < min ? shifted + size : shifted;
        }
        int onEdge = 0;
        int midway = 0;
        for (double v : data) {
            if (nearEdge(v, start, size)) onEdge++;
            if (nearEdge(v + size / 2, start, size)) midway++;
        }
        if (midway < onEdge * 0.1 && (onEdge > data.length * 0.3 || nearEdge(min, start, size))) {
            return start + size / 2 < min ? start + size / 2 : start - size / 2;
        }
        return start;
    }

    private static boolean nearEdge(double v, double start, double size) {
        double position = ((v - start) / size) % 1;
        return position < 0.01 || position > 0.99;
    }
}
