package dev.eddy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        // The script prints its report once it is done, so this read ends when the process does.
        String json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("Bytewax run of " + workload + " must exit with 0; got " + exit
                    + " instead");
        }
        List<String> lines = Files.readAllLines(output);
        Files.deleteIfExists(input);
        JsonNode report = new ObjectMapper().readTree(json);
        double[] seconds = new double[report.path("runs").size()];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = report.path("runs").get(i).asDouble();
        }
        return new Report(lines, field(report, "cold").asDouble(), seconds, field(report, "peak_rss_bytes").asLong());
    }

    private static JsonNode field(JsonNode report, String name) {
        JsonNode value = report.get(name);
        if (value == null || !value.isNumber()) {
            throw new IllegalStateException("Bytewax report must have a number in field " + name + "; got " + report
                    + " instead");
        }
        return value;
    }
}
