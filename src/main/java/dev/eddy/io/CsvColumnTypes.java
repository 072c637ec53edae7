package dev.eddy.io;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The types of a {@link CSVSource}'s typed columns and how each is parsed; an empty cell of a typed column is
 * {@code null}, and the columns not named stay text.
 */
final class CsvColumnTypes implements CsvPartition.Cells<Object> {

    /** Each type a column may have, with its parser, in the order an error lists them. */
    private static final Map<Class<?>, Function<String, Object>> PARSERS = new LinkedHashMap<>();

    static {
        PARSERS.put(String.class, text -> text);
        PARSERS.put(Integer.class, text -> Integer.valueOf(text.strip()));
        PARSERS.put(Long.class, text -> Long.valueOf(text.strip()));
        PARSERS.put(Double.class, text -> Double.valueOf(text.strip()));
        PARSERS.put(Boolean.class, CsvColumnTypes::bool);
        PARSERS.put(BigDecimal.class, text -> new BigDecimal(text.strip()));
        PARSERS.put(Instant.class, text -> Instant.parse(text.strip()));
        PARSERS.put(LocalDate.class, text -> LocalDate.parse(text.strip()));
        PARSERS.put(LocalDateTime.class, text -> LocalDateTime.parse(text.strip()));
    }

    private static final Map<Class<?>, Class<?>> BOXED = Map.of(int.class, Integer.class, long.class, Long.class,
            double.class, Double.class, boolean.class, Boolean.class);

    private final Map<String, Class<?>> types;

    CsvColumnTypes(Map<String, ? extends Class<?>> types) {
        Objects.requireNonNull(types, "CSVSource column types can't be null");
        Map<String, Class<?>> checked = new LinkedHashMap<>();
        types.forEach((column, type) -> {
            Objects.requireNonNull(column, "CSVSource typed column name can't be null");
            Class<?> boxed = type == null ? null : BOXED.getOrDefault(type, type);
            if (boxed == null || !PARSERS.containsKey(boxed)) {
                throw new IllegalArgumentException("CSVSource column type of '" + column + "' must be one of "
                        + String.join(", ", PARSERS.keySet().stream().map(Class::getSimpleName).toList()) + "; got "
                        + (type == null ? "null" : type.getSimpleName()) + " instead");
            }
            checked.put(column, boxed);
        });
        this.types = Map.copyOf(checked);
    }

    @Override
    public void checkHeader(Path path, List<String> header) {
        for (String column : types.keySet().stream().sorted().toList()) {
            if (!header.contains(column)) {
                throw new FileFormatException(path, 1, "the typed column '" + column + "' must be in the header of "
                        + path + "; got " + header + " instead", null);
            }
        }
    }

    @Override
    public Object cell(Path path, List<String> header, int column, String text, long row, long line) {
        Class<?> type = types.get(header.get(column));
        if (type == null || type == String.class) return text;
        if (text.isBlank()) return null;
        try {
            return PARSERS.get(type).apply(text);
        } catch (RuntimeException e) {
            throw new FileFormatException(path, line, "column '" + header.get(column) + "' of row " + row + " of "
                    + path + " (line " + line + ") must be a " + type.getSimpleName() + "; got "
                    + FileFormatException.excerpt(text) + " instead", e);
        }
    }

    private static Object bool(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("true")) return Boolean.TRUE;
        if (t.equalsIgnoreCase("false")) return Boolean.FALSE;
        throw new IllegalArgumentException("not true or false");
    }

    @Override
    public String toString() {
        Map<String, String> names = new LinkedHashMap<>();
        types.keySet().stream().sorted().forEach(c -> names.put(c, types.get(c).getSimpleName()));
        return names.toString();
    }
}
