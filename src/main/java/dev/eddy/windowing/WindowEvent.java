package dev.eddy.windowing;

/**
 * The wrappers that tell {@code late} and {@code meta} events apart from {@code down} values (plain
 * {@link WindowValue}s) on the window operator's single inner stream, as Bytewax's {@code _Late} and
 * {@code _Meta}.
 */
final class WindowEvent {

    private WindowEvent() {
    }

    /** A late value, with the id of a window it would have been in. */
    record Late(WindowValue<Object> value) {
    }

    /** A window's metadata, at close. */
    record Meta(WindowValue<WindowMetadata> value) {
    }
}
