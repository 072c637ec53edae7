package dev.eddy.notebook;

import dev.eddy.kernel.api.Display;
import dev.eddy.kernel.api.Interrupts;

/** The running kernel's displays and interrupts, through the kernel's extension API. */
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

    @Override
    public Interrupts.Registration onInterrupt(Runnable stop) {
        return Interrupts.onInterrupt(Display.getKernelInstance(), stop);
    }
}
