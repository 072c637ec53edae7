package dev.eddy.notebook;

import dev.eddy.kernel.api.Display;
import dev.eddy.kernel.api.Interrupts;

/** The running kernel's displays and interrupts, through the kernel's extension API. */
enum KernelSurface implements DisplaySurface {
    INSTANCE;

    /** Whether a kernel is running this code, so there is a front end to show things in. */
    static boolean present() {
        try {
            Display.getKernelInstance();
            return true;
        } catch (IllegalStateException noKernel) {
            return false;
        }
    }

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
