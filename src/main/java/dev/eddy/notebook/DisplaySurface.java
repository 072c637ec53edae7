package dev.eddy.notebook;

import dev.eddy.kernel.api.Interrupts;

/**
 * Where a live run shows its output (one display that is created once and then replaced in place) and hears the
 * kernel's interrupts.
 */
interface DisplaySurface {

    /** Shows {@code value} as a new output and returns its display id. */
    String show(Object value);

    /** Replaces what display {@code id} shows with {@code value} ({@code update_display_data}). */
    void update(String id, Object value);

    /** Calls {@code stop} when the kernel is interrupted, until the returned registration is closed. */
    Interrupts.Registration onInterrupt(Runnable stop);
}
