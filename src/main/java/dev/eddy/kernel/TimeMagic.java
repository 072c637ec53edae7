package dev.eddy.kernel;

import java.util.List;

/** {@code %time <code>} and {@code %%time}: runs the code and prints how long it took on the wall clock. */
final class TimeMagic implements MagicDispatcher.RawLineMagic, MagicDispatcher.RawCellMagic {

    @Override
    public EvalResult apply(String rest, MagicDispatcher.CodeRunner runner) {
        return timed(rest, runner);
    }

    @Override
    public EvalResult apply(List<String> args, String body, MagicDispatcher.CodeRunner runner) {
        return timed(body, runner);
    }

    private static EvalResult timed(String code, MagicDispatcher.CodeRunner runner) {
        long start = System.nanoTime();
        EvalResult result = runner.run(code);
        System.out.println("Wall time: " + format(System.nanoTime() - start));
        return result;
    }

    static String format(long nanos) {
        if (nanos < 1_000_000) return String.format("%.0f µs", nanos / 1e3);
        if (nanos < 1_000_000_000) return String.format("%.1f ms", nanos / 1e6);
        return String.format("%.2f s", nanos / 1e9);
    }
}
