package dev.eddy.notebook;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.plotly.components.Figure;

/**
 * Reads the data back out of a tablesaw-jsplot {@link Figure}, which exposes it only as JavaScript: each
 * {@code var layout = {…}}, {@code var config = {…}} and {@code var traceN = {…}} literal is parsed leniently
 * (unquoted keys, single quotes, trailing commas) into maps. Event handlers, being functions, are left out.
 */
final class FigureParser {

    private static final Pattern VAR = Pattern.compile("var\\s+(layout|config|trace(\\d+))\\s*=\\s*");
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
                    JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    private FigureParser() {
    }

    /** The figure's traces (in order), layout and config. */
    static Parsed parse(Figure figure) {
        String js = figure.asJavascript("eddyfig");
        Map<Integer, Map<String, Object>> traces = new TreeMap<>();
        Map<String, Object> layout = new LinkedHashMap<>();
        Map<String, Object> config = new LinkedHashMap<>();
        Matcher m = VAR.matcher(js);
        while (m.find()) {
            int start = m.end();
            if (start >= js.length() || js.charAt(start) != '{') continue;
            String literal = balanced(js, start);
            Map<String, Object> value = read(literal, m.group(1));
            if (m.group(2) != null) {
                traces.put(Integer.parseInt(m.group(2)), value);
            } else if (m.group(1).equals("layout")) {
                layout = value;
            } else {
                config = value;
            }
        }
        return new Parsed(new ArrayList<>(traces.values()), layout, config);
    }

    record Parsed(List<Map<String, Object>> traces, Map<String, Object> layout, Map<String, Object> config) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String literal, String name) {
        try {
            return LENIENT.readValue(literal, LinkedHashMap.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("jsplot figure's '" + name + "' must be a JavaScript object literal; "
                    + "got one that does not parse instead: " + e.getMessage(), e);
        }
    }

    /** The text of the object literal starting at {@code start}, up to its matching brace, quotes respected. */
    private static String balanced(String js, int start) {
        int depth = 0;
        char quote = 0;
        for (int i = start; i < js.length(); i++) {
            char c = js.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) return js.substring(start, i + 1);
            }
        }
        return js.substring(start);
    }
}
