package dev.eddy.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The benchmark harness: for each workload, generates the input once, runs every engine once to check its results
 * against the hand loop's (in-order workloads must agree exactly before anything is timed), then times warm-up and
 * measured runs and reports the median and range. Bytewax runs in its own process on the same input.
 *
 * <p>Each workload runs in a JVM of its own, started with this JVM's options, as JMH forks one per benchmark: in a
 * shared JVM the code every flow goes through (a key function's call site, a sink's) would be compiled for whatever
 * workloads ran before, and a workload's time would depend on its place in the list. {@code --fork=false} runs them
 * all here.
 *
 * <p>{@code --repeat=K} plays each input K times in a row, later in event time each pass ({@link Replay}): a run
 * that lasts several of its epochs, over the same keys. {@code --rounds=R} measures every engine R times in turn in
 * the same JVM, so that two engines (e.g. {@code eddy} and {@code eddy-recovery}, the same flow with a recovery store)
 * are compared side by side on the same compiled code rather than across JVMs.
 *
 * <p>{@code --smoke} runs every workload on small inputs, once, and fails on any disagreement: it checks that the
 * suite still works, not how fast anything is.
 */
public final class Bench {

    private record Options(boolean smoke, List<Workload> workloads, List<String> engines, int warmups,
                           long warmupEvents, double warmupSeconds, int runs, double scale, int bytewaxEvents,
                           int bytewaxRuns, int batchSize, Path workDir, boolean fork, Path resultsTo, int repeat,
                           int rounds) {
    }

    /** What a forked JVM hands back: its measurements and failures. */
    private record Outcome(List<Measurement> measurements, List<String> failures) {
    }

    private final Options options;
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    private Bench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Bench bench = new Bench(options);
        if (options.fork && options.workloads.size() > 1) {
            for (Workload workload : options.workloads) {
                bench.fork(workload, args);
            }
        } else {
            bench.runAll();
        }
        if (options.resultsTo != null) {
            new ObjectMapper().writeValue(options.resultsTo.toFile(), new Outcome(bench.measurements, bench.failures));
            return;
        }
        String report = Report.markdown(bench.measurements, bench.failures, options.smoke);
        System.out.println(report);
        Files.createDirectories(options.workDir);
        Files.writeString(options.workDir.resolve(options.smoke ? "smoke.md" : "results.md"), report);
        if (!bench.failures.isEmpty()) {
            System.exit(1);
        }
    }

    private static Options parse(String[] args) {
        Map<String, String> named = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("arguments must look like --name or --name=value; got " + arg
                        + " instead");
            }
            int eq = arg.indexOf('=');
            named.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        boolean smoke = named.containsKey("smoke");
        List<Workload> workloads = named.containsKey("workloads")
                ? Arrays.stream(named.get("workloads").split(",")).map(Workload::valueOf).toList()
                : List.of(Workload.values());
        List<String> engines = List.of(named.getOrDefault("engines", "hand,eddy,flink,eddy-flink,bytewax").split(","));
        return new Options(smoke, workloads, engines,
                Integer.parseInt(named.getOrDefault("warmups", smoke ? "0" : "2")),
                Long.parseLong(named.getOrDefault("warmup-events", smoke ? "0" : "20000000")),
                Double.parseDouble(named.getOrDefault("warmup-seconds", smoke ? "0" : "3")),
                Integer.parseInt(named.getOrDefault("runs", smoke ? "1" : "5")),
                Double.parseDouble(named.getOrDefault("scale", smoke ? "0.005" : "1")),
                Integer.parseInt(named.getOrDefault("bytewax-events", "1000000")),
                Integer.parseInt(named.getOrDefault("bytewax-runs", smoke ? "1" : "3")),
                Integer.parseInt(named.getOrDefault("batch", "1000")),
                Path.of(named.getOrDefault("work", "target/bench")),
                Boolean.parseBoolean(named.getOrDefault("fork", smoke ? "false" : "true")),
                named.containsKey("results-to") ? Path.of(named.get("results-to")) : null,
                Integer.parseInt(named.getOrDefault("repeat", "1")),
                Integer.parseInt(named.getOrDefault("rounds", "1")));
    }

    /** Runs one workload in a new JVM with this one's options and collects what it measured. */
    private void fork(Workload workload, String[] args) throws Exception {
        Path results = Files.createTempFile("eddy-bench-" + workload, ".json");
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Bench.class.getName()));
            for (String arg : args) {
                if (!arg.startsWith("--workloads=") && !arg.startsWith("--fork")) {
                    command.add(arg);
                }
            }
            command.addAll(List.of("--workloads=" + workload, "--fork=false", "--results-to=" + results));
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                failures.add(workload + ": its JVM exited with status " + exit);
                return;
            }
            Outcome outcome = new ObjectMapper().readValue(results.toFile(), Outcome.class);
            if (outcome.measurements().stream().noneMatch(m -> m.workload() == workload)) {
                failures.add(workload + ": its JVM reported no measurement of it");
            }
            measurements.addAll(outcome.measurements());
            failures.addAll(outcome.failures());
        } finally {
            Files.deleteIfExists(results);
        }
    }

    private void runAll() throws Exception {
        List<Engine> engines = new ArrayList<>();
        try {
            for (String name : options.engines) {
                switch (name) {
                    case "hand" -> engines.add(new HandLoops());
                    case "eddy" -> engines.add(new EddyEngine(options.batchSize));
                    case "eddy-recovery" -> engines.add(EddyEngine.withRecovery(options.batchSize));
                    case "flink" -> engines.add(new FlinkEngine());
                    case "eddy-flink" -> engines.add(new EddyFlinkEngine(options.batchSize));
                    case "bytewax" -> {
                        // runs in its own process, below
                    }
                    default -> throw new IllegalArgumentException("engines must be among hand, eddy, eddy-recovery,"
                            + " flink, eddy-flink, bytewax; got " + name + " instead");
                }
            }
            for (Workload workload : options.workloads) {
                int size = Math.max(2_000, (int) Math.round(workload.defaultSize() * options.scale));
                List<?> items = Replay.of(workload.input(size), options.repeat);
                System.err.printf(Locale.ROOT, "== %s: %,d events%s%n", workload, items.size(),
                        options.repeat == 1 ? "" : " (" + size + " played " + options.repeat + " times)");
                List<String> reference = reference(workload, items);
                for (int round = 1; round <= options.rounds; round++) {
                    if (options.rounds > 1) {
                        System.err.printf(Locale.ROOT, "  round %d of %d%n", round, options.rounds);
                    }
                    for (Engine engine : engines) {
                        measure(engine, workload, items, reference, options.runs);
                    }
                }
                if (options.engines.contains("bytewax") && workload.bytewaxShares()) {
                    bytewax(workload, items, reference, engines);
                }
            }
        } finally {
            for (Engine engine : engines) {
                engine.close();
            }
        }
    }

    private List<String> reference(Workload workload, List<?> items) {
        return Results.lines(new HandLoops().run(workload, items));
    }

    private void measure(Engine engine, Workload workload, List<?> items, List<String> reference, int runs)
            throws Exception {
        engine.prepare();
        long start = System.nanoTime();
        List<String> lines = Results.lines(engine.run(workload, items));
        double cold = (System.nanoTime() - start) / 1e9;
        boolean agrees = agrees(engine.name(), workload, items.size(), reference, lines);
        if (!agrees && !workload.delayed()) {
            record(new Measurement(engine.name(), workload, items.size(), cold, new double[0], false, -1));
            return;
        }
        warmUp(engine, workload, items);
        double[] seconds = new double[runs];
        long peak = 0;
        for (int i = 0; i < runs; i++) {
            engine.prepare();
            resetPeakHeap();
            start = System.nanoTime();
            List<?> results = engine.run(workload, items);
            seconds[i] = (System.nanoTime() - start) / 1e9;
            peak = Math.max(peak, peakHeap());
            // Every timed run is checked, not only the cold one: workers running free race, so one run's
            // agreement says nothing of the next (a partitioned input's late items depend on the drift).
            if (agrees && !workload.delayed()) {
                agrees = agrees(engine.name() + " (timed run " + (i + 1) + ")", workload, items.size(), reference,
                        Results.lines(results));
            }
        }
        record(new Measurement(engine.name(), workload, items.size(), cold, seconds, agrees, peak));
    }

    /** Whether {@code lines} equal the hand loop's; a disagreement is reported, and on in-order data it fails the run. */
    private boolean agrees(String engine, Workload workload, int events, List<String> reference, List<String> lines) {
        if (lines.equals(reference)) {
            return true;
        }
        String diff = difference(reference, lines);
        System.err.println("  " + engine + " disagrees with the hand loop on " + workload + ": " + diff);
        if (!workload.delayed()) {
            failures.add(engine + " on " + workload + " (" + events + " events): " + diff);
        }
        return false;
    }

    private void record(Measurement m) {
        if (m.timed()) {
            System.err.printf(Locale.ROOT, "  %-10s cold %.3f s, median %.3f s (%.3f-%.3f), %,.0f events/s%n",
                    m.engine(), m.coldSeconds(), m.medianSeconds(), m.minSeconds(), m.maxSeconds(),
                    m.eventsPerSecond());
        }
        measurements.add(m);
    }

    /**
     * At least {@code --warmups} runs, then more until {@code --warmup-events} events have gone through the engine
     * or {@code --warmup-seconds} have passed, so a short workload is measured as warm as a long one.
     */
    private void warmUp(Engine engine, Workload workload, List<?> items) throws Exception {
        long events = 0;
        long start = System.nanoTime();
        for (int i = 0; i < options.warmups
                || (events < options.warmupEvents && (System.nanoTime() - start) / 1e9 < options.warmupSeconds);
                i++) {
            engine.run(workload, items);
            events += items.size();
        }
        System.err.printf(Locale.ROOT, "  %-10s warmed up on %,d events in %.1f s%n", engine.name(), events,
                (System.nanoTime() - start) / 1e9);
    }

    /** Bytewax on a prefix of the input, with Eddy measured on the same prefix for the ratio. */
    private void bytewax(Workload workload, List<?> items, List<String> itemsReference, List<Engine> engines)
            throws Exception {
        List<?> prefix = items.size() <= options.bytewaxEvents ? items : items.subList(0, options.bytewaxEvents);
        List<String> reference = prefix.size() < items.size() ? reference(workload, prefix) : itemsReference;
        if (prefix.size() < items.size()) {
            for (Engine engine : engines) {
                if (engine instanceof EddyEngine) {
                    measure(engine, workload, prefix, reference, options.bytewaxRuns);
                }
            }
        }
        BytewaxEngine.Report report = new BytewaxEngine(Path.of("").toAbsolutePath(), options.workDir)
                .run(workload, prefix, options.smoke ? 0 : 1, options.bytewaxRuns, options.batchSize);
        String name = "Bytewax 0.21.1";
        boolean agrees = agrees(name, workload, prefix.size(), reference, Results.lines(report.lines()));
        record(new Measurement(name, workload, prefix.size(), report.coldSeconds(),
                agrees || workload.delayed() ? report.seconds() : new double[0], agrees, report.peakRss()));
    }

    private static String difference(List<String> expected, List<String> actual) {
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<String> extra = new ArrayList<>(actual);
        extra.removeAll(expected);
        return expected.size() + " results expected, " + actual.size() + " got; first missing "
                + missing.stream().limit(3).toList() + ", first unexpected " + extra.stream().limit(3).toList();
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset: an upper bound on the heap in use at any moment. */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += Objects.requireNonNull(pool.getPeakUsage()).getUsed();
            }
        }
        return sum;
    }
}
