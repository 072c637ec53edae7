package dev.eddy.notebook;

import dev.eddy.kernel.api.Display;

/** The running kernel's displays, through the kernel's extension API. */
enum KernelSurface implements DisplaySurface {
    INSTANCE;

    @Override
    public String show(Object value) {
        return Display.display(value);
    }

    @Override
    public void update(String id, Object value) {
        Display.updateDisplay(id, value);
    }
}
