package io.github.spencerpark.ijava;

/**
 * IJava 1.3.0's entry point, as far as notebooks use it: {@code IJava.getKernelInstance()} is the running kernel,
 * here the Eddy kernel. Eddy ships this class (and {@link JavaKernel}) under IJava's own names so that a notebook's
 * {@code import io.github.spencerpark.ijava.IJava;} compiles unchanged; inside a real IJava kernel, IJava's classes
 * come first on the class path and these are never loaded. <pre class="fragment">{@code
 * IJava.getKernelInstance().getMagics().applyLineMagic("maven", List.of("com.google.code.gson:gson:2.11.0"));
 * }</pre>
 */
public final class IJava {
    private IJava() {
    }

    /** The running kernel, or null when none is running (as in IJava). */
    public static JavaKernel getKernelInstance() {
        return JavaKernel.running;
    }
}
