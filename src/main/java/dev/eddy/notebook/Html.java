package dev.eddy.notebook;

/** Escaping for text placed in HTML and for JSON placed inside a {@code <script>} element. */
final class Html {

    private Html() {
    }

    /** {@code text} with {@code < > & " '} escaped, safe in element content and quoted attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * JSON text made safe to inline in a script: {@code <}, {@code >} and {@code &} only occur inside JSON strings,
     * where their {@code \\u} escapes mean the same, and the line separators JavaScript treats as line ends.
     */
    static String scriptSafeJson(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
