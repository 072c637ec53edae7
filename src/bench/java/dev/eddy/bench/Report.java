package dev.eddy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The harness's results as Markdown: one table of timings, one of Eddy's ratios against the targets. */
final class Report {

    private Report() {
    }

    static String markdown(List<Measurement> ms, List<String> failures, boolean smoke) {
        StringBuilder md = new StringBuilder();
        md.append(smoke ? "## Smoke run (checks results, not speed)\n\n" : "## Results\n\n");
        md.append("Machine: ").append(machine()).append("\n\n");
        md.append("| workload | engine | events | cold s | median s (min-max) | events/s | ns/event | peak heap | ")
                .append("agrees |\n|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Measurement m : ms) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.3f | %s | %s | %s | %s | %s |%n",
                    m.workload(), m.engine(), m.events(), m.coldSeconds(),
                    m.timed() ? String.format(Locale.ROOT, "%.3f (%.3f-%.3f)", m.medianSeconds(), m.minSeconds(),
                            m.maxSeconds()) : "not timed",
                    m.timed() ? String.format(Locale.ROOT, "%,.0f", m.eventsPerSecond()) : "-",
                    m.timed() ? String.format(Locale.ROOT, "%,.0f", m.nanosPerEvent()) : "-",
                    m.peakHeap() < 0 ? "-" : String.format(Locale.ROOT, "%,d MB", m.peakHeap() >> 20)
                            + (m.engine().startsWith("Bytewax") ? " RSS" : ""),
                    m.agrees() ? "yes" : (m.workload().delayed() ? "no (late rules differ)" : "**NO**")));
        }
        boolean anyEddy = false;
        for (Workload w : Workload.values()) {
            Optional<Measurement> eddy = find(ms, w, "Eddy", -1);
            if (eddy.isEmpty()) {
                continue;
            }
            if (!anyEddy) {
                anyEddy = true;
                md.append("\n| workload | Eddy ÷ Flink | target | Eddy ÷ Bytewax | target | Eddy ÷ hand loop | target |\n")
                        .append("|---|---:|---:|---:|---:|---:|---:|\n");
            }
            double flinkTarget = w.query() == Workload.Q11 ? 5 : 3;
            String flink = ratio(eddy, find(ms, w, "Flink", eddy.get().events()));
            Optional<Measurement> bytewax = find(ms, w, "Bytewax", -1);
            String bw = bytewax.isEmpty() ? "-" : ratio(find(ms, w, "Eddy", bytewax.get().events()), bytewax);
            String hand = ratio(eddy, find(ms, w, "hand", eddy.get().events()));
            md.append(String.format(Locale.ROOT, "| %s | %s | >= %.0f | %s | %s | %s | >= 0.3 |%n", w, flink,
                    flinkTarget, bw, bytewax.isEmpty() ? "-" : ">= 30", hand));
        }
        if (ms.stream().anyMatch(m -> m.engine().equals(EddyFlinkEngine.NAME) && m.timed())) {
            md.append("\n| workload | Eddy-on-Flink ÷ Flink | target |\n|---|---:|---:|\n");
            for (Workload w : Workload.values()) {
                Optional<Measurement> onFlink = find(ms, w, EddyFlinkEngine.NAME, -1);
                if (onFlink.isPresent()) {
                    String target = switch (w.query()) {
                        case Q5, Q7 -> ">= 0.8";
                        case Q11 -> ">= 1";
                        default -> "-";
                    };
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", w,
                            ratio(onFlink, find(ms, w, "Flink", onFlink.get().events())), target));
                }
            }
        }
        if (!failures.isEmpty()) {
            md.append("\nDisagreements on in-order data (not timed):\n\n");
            failures.forEach(f -> md.append("- ").append(f).append('\n'));
        }
        return md.toString();
    }

    /**
     * The measurement of {@code engine} (its name, or its name and a version such as "Flink 2.3") on {@code w}, on
     * {@code events} events if that is not -1.
     */
    private static Optional<Measurement> find(List<Measurement> ms, Workload w, String engine, int events) {
        return ms.stream().filter(m -> m.workload() == w && m.timed()
                && (m.engine().equals(engine) || m.engine().startsWith(engine + " "))
                && (events < 0 || m.events() == events)).findFirst();
    }

    private static String ratio(Optional<Measurement> eddy, Optional<Measurement> other) {
        if (eddy.isEmpty() || other.isEmpty()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", eddy.get().eventsPerSecond() / other.get().eventsPerSecond());
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // keep "unknown CPU"
        }
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%s, %d cores, Java %s (%s), max heap %,d MB, %s %s", cpu,
                rt.availableProcessors(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                rt.maxMemory() >> 20, System.getProperty("os.name"), System.getProperty("os.arch"));
    }
}
