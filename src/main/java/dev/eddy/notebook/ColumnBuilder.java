package dev.eddy.notebook;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;

/**
 * Collects one column's values, then builds the Tablesaw column whose type fits them all: int, long, double,
 * boolean, instant, date-time, date or time, and string (each value's text) when they don't agree.
 */
final class ColumnBuilder {

    private enum Kind { NONE, INT, LONG, DOUBLE, BOOLEAN, INSTANT, DATE_TIME, DATE, TIME, STRING }

    private final String name;
    private final List<Object> values;
    private Kind kind = Kind.NONE;

    ColumnBuilder(String name, int expectedRows) {
        this.name = name;
        this.values = new ArrayList<>(expectedRows);
    }

    /** Pads with missing values up to {@code row}, for a column first seen after some rows. */
    void padTo(int row) {
        while (values.size() < row) values.add(null);
    }

    void add(Object value) {
        values.add(value);
        if (value != null) kind = widen(kind, kindOf(value));
    }

    Column<?> build() {
        int n = values.size();
        switch (kind) {
            case INT -> {
                IntColumn c = IntColumn.create(name, n);
                for (int i = 0; i < n; i++) {
                    Object v = values.get(i);
                    if (v == null) c.setMissing(i); else c.set(i, ((Number) v).intValue());
                }
                return c;
            }
            case LONG -> {
                LongColumn c = LongColumn.create(name, n);
                for (int i = 0; i < n; i++) {
                    Object v = values.get(i);
                    if (v == null) c.setMissing(i); else c.set(i, ((Number) v).longValue());
                }
                return c;
            }
            case DOUBLE -> {
                DoubleColumn c = DoubleColumn.create(name, n);
                for (int i = 0; i < n; i++) {
                    Object v = values.get(i);
                    if (v == null) c.setMissing(i); else c.set(i, ((Number) v).doubleValue());
                }
                return c;
            }
            case BOOLEAN -> {
                BooleanColumn c = BooleanColumn.create(name);
                for (Object v : values) {
                    if (v == null) c.appendMissing(); else c.append((Boolean) v);
                }
                return c;
            }
            case INSTANT -> {
                InstantColumn c = InstantColumn.create(name);
                for (Object v : values) {
                    if (v == null) c.appendMissing(); else c.append((Instant) v);
                }
                return c;
            }
            case DATE_TIME -> {
                DateTimeColumn c = DateTimeColumn.create(name);
                for (Object v : values) {
                    if (v == null) c.appendMissing(); else c.append((LocalDateTime) v);
                }
                return c;
            }
            case DATE -> {
                DateColumn c = DateColumn.create(name);
                for (Object v : values) {
                    if (v == null) c.appendMissing(); else c.append((LocalDate) v);
                }
                return c;
            }
            case TIME -> {
                TimeColumn c = TimeColumn.create(name);
                for (Object v : values) {
                    if (v == null) c.appendMissing(); else c.append((LocalTime) v);
                }
                return c;
            }
            default -> {
                StringColumn c = StringColumn.create(name);
                for (Object v : values) {
                    if (v == null) c.appendMissing(); else c.append(SafeText.of(v, 10_000));
                }
                return c;
            }
        }
    }

    private static Kind kindOf(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) return Kind.INT;
        if (v instanceof Long) return Kind.LONG;
        if (v instanceof Double || v instanceof Float) return Kind.DOUBLE;
        if (v instanceof Boolean) return Kind.BOOLEAN;
        if (v instanceof Instant) return Kind.INSTANT;
        if (v instanceof LocalDateTime) return Kind.DATE_TIME;
        if (v instanceof LocalDate) return Kind.DATE;
        if (v instanceof LocalTime) return Kind.TIME;
        return Kind.STRING;
    }

    /** The narrowest kind holding both; numbers widen int → long → double, anything else mixed becomes string. */
    private static Kind widen(Kind have, Kind next) {
        if (have == Kind.NONE || have == next) return next;
        boolean numbers = isNumber(have) && isNumber(next);
        if (!numbers) return Kind.STRING;
        if (have == Kind.DOUBLE || next == Kind.DOUBLE) return Kind.DOUBLE;
        return Kind.LONG;
    }

    private static boolean isNumber(Kind k) {
        return k == Kind.INT || k == Kind.LONG || k == Kind.DOUBLE;
    }
}
