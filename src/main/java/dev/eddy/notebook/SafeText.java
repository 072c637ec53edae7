package dev.eddy.notebook;

/** {@code String.valueOf} that survives a {@code toString} that throws or recurses forever, cut to a length. */
final class SafeText {

    private SafeText() {
    }

    /** The value's text, or a description of why it has none; {@code null} becomes {@code "null"}. */
    static String of(Object value) {
        if (value == null) return "null";
        try {
            return String.valueOf(value);
        } catch (StackOverflowError e) {
            return identity(value) + " (toString recursed too deep; cyclic references?)";
        } catch (RuntimeException e) {
            return identity(value) + " (toString threw " + e.getClass().getSimpleName() + ")";
        }
    }

    /** {@link #of(Object)} cut to at most {@code max} characters, ending with an ellipsis when cut. */
    static String of(Object value, int max) {
        return cut(of(value), max);
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
    }

    private static String identity(Object value) {
        return value.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(value));
    }
}
