package dev.eddy.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytewax 0.21.1 in the project's virtual environment ({@code .venv}), run as a Python process on the input file
 * the JVM engines' items were written to. The process times itself ({@code scripts/bench/bytewax_bench.py}): the
 * items are built as Python objects before timing, each timed run builds the flow and calls {@code run_main}, one
 * worker, the same batch size as Eddy's source, {@code EventClock} waiting 4 s.
 */
public final class BytewaxEngine {

    /** What the Python process reported. */
    public record Report(List<String> lines, double coldSeconds, double[] seconds, long peakRss) {
    }

    private static final Pattern NUMBER = Pattern.compile("-?[0-9.eE+-]+");

    private final Path python;
    private final Path script;
    private final Path workDir;

    public BytewaxEngine(Path projectDir, Path workDir) {
        this.python = projectDir.resolve(".venv/bin/python");
        this.script = projectDir.resolve("scripts/bench/bytewax_bench.py");
        this.workDir = workDir;
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException("Bytewax must be installed in " + python.getParent().getParent()
                    + "; got no Python there; run scripts/bench.sh, which installs bytewax==0.21.1");
        }
    }

    public Report run(Workload workload, List<?> items, int warmups, int runs, int batchSize)
            throws IOException, InterruptedException {
        Path input = workDir.resolve(workload.name().toLowerCase() + "-" + items.size() + ".bin");
        Path output = workDir.resolve(workload.name().toLowerCase() + "-" + items.size() + ".bytewax.txt");
        InputFile.write(items, input);
        Process process = new ProcessBuilder(python.toString(), script.toString(), workload.name(),
                input.toString(), output.toString(), String.valueOf(warmups), String.valueOf(runs),
                String.valueOf(batchSize))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(1, TimeUnit.HOURS) || process.exitValue() != 0) {
            throw new IllegalStateException("Bytewax run of " + workload + " must exit with 0; got "
                    + (process.isAlive() ? "a hang" : String.valueOf(process.exitValue())) + " instead");
        }
        List<String> lines = Files.readAllLines(output);
        Files.deleteIfExists(input);
        return new Report(lines, field(json, "cold")[0], field(json, "runs"), (long) field(json, "peak_rss_bytes")[0]);
    }

    /** The number or numbers of one field of the script's flat JSON line. */
    private static double[] field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":");
        if (at < 0) {
            throw new IllegalStateException("Bytewax report must have field " + name + "; got " + json + " instead");
        }
        String rest = json.substring(at + name.length() + 3).trim();
        String value = rest.startsWith("[") ? rest.substring(1, rest.indexOf(']')) : rest.split("[,}]")[0];
        Matcher m = NUMBER.matcher(value);
        return m.results().map(r -> r.group()).filter(s -> !s.isBlank()).mapToDouble(Double::parseDouble).toArray();
    }
}
