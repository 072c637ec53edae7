package dev.eddy.kernel;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code %time <code>} and {@code %%time}: runs the code and prints how long it took on the wall clock, and how much
 * of that JShell spent compiling and how much the code ran, since a first cell's compile time can dwarf its run.
 */
final class TimeMagic implements MagicDispatcher.RawLineMagic, MagicDispatcher.RawCellMagic {

    private final LongSupplier runNanos;

    /** {@code runNanos}: the total time snippets have run so far, which only grows. */
    TimeMagic(LongSupplier runNanos) {
        this.runNanos = runNanos;
    }

    @Override
    public EvalResult apply(String rest, MagicDispatcher.CodeRunner runner) {
        return timed(rest, runner);
    }

    @Override
    public EvalResult apply(List<String> args, String body, MagicDispatcher.CodeRunner runner) {
        return timed(body, runner);
    }

    private EvalResult timed(String code, MagicDispatcher.CodeRunner runner) {
        long ranBefore = runNanos.getAsLong();
        long start = System.nanoTime();
        EvalResult result = runner.run(code);
        long wall = System.nanoTime() - start;
        long ran = Math.min(wall, runNanos.getAsLong() - ranBefore);
        System.out.println("Wall time: " + format(wall) + " (compile " + format(wall - ran) + ", run " + format(ran) + ")");
        return result;
    }

    static String format(long nanos) {
        if (nanos < 1_000_000) return String.format("%.0f µs", nanos / 1e3);
        if (nanos < 1_000_000_000) return String.format("%.1f ms", nanos / 1e6);
        return String.format("%.2f s", nanos / 1e9);
    }
}
