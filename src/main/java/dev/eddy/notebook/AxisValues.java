package dev.eddy.notebook;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one axis of a plotly trace as doubles, with what they were: numbers, dates (as epoch
 * milliseconds, UTC) or categories (as their index in order of first appearance). Missing values are NaN.
 */
record AxisValues(Kind kind, double[] values, List<String> categories) {

    enum Kind { NUMBER, DATE, CATEGORY }

    /** Reads {@code raw} (a list from a trace), as dates only if every non-missing value is one. */
    static AxisValues of(Object raw) {
        return of(raw, new LinkedHashMap<>());
    }

    /**
     * Reads {@code raw}; categories take their index from {@code index}, adding new ones to it, so traces sharing
     * an axis put the same category in the same place.
     */
    static AxisValues of(Object raw, Map<String, Integer> index) {
        List<?> list = raw instanceof Collection<?> c ? new ArrayList<>(c) : List.of();
        double[] out = new double[list.size()];
        boolean numbers = true;
        boolean dates = true;
        for (Object v : list) {
            if (v == null) continue;
            if (!(v instanceof Number)) numbers = false;
            if (!(v instanceof String s) || Double.isNaN(epochMillis(s))) dates = false;
        }
        if (numbers) {
            for (int i = 0; i < out.length; i++) out[i] = list.get(i) == null ? Double.NaN : ((Number) list.get(i)).doubleValue();
            return new AxisValues(Kind.NUMBER, out, List.of());
        }
        if (dates) {
            for (int i = 0; i < out.length; i++) out[i] = list.get(i) == null ? Double.NaN : epochMillis((String) list.get(i));
            return new AxisValues(Kind.DATE, out, List.of());
        }
        for (int i = 0; i < out.length; i++) {
            Object v = list.get(i);
            out[i] = v == null ? Double.NaN : index.computeIfAbsent(String.valueOf(v), k -> index.size());
        }
        return new AxisValues(Kind.CATEGORY, out, new ArrayList<>(index.keySet()));
    }

    /** Epoch milliseconds of an ISO instant, local date-time (UTC) or date; NaN when it is none of those. */
    static double epochMillis(String s) {
        String t = s.trim();
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException e) {
            // not an instant; try the forms plotly reads
        }
        try {
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            // not a date-time
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return Double.NaN;
        }
    }
}
