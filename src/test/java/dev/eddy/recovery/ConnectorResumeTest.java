package dev.eddy.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.io.CSVSource;
import dev.eddy.io.DirSink;
import dev.eddy.io.DirSource;
import dev.eddy.io.FileSink;
import dev.eddy.io.JsonLinesSource;
import dev.eddy.io.Sink;
import dev.eddy.io.Source;
import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in file source resumes from its position and every built-in file sink from its length: a
 * run that crashes mid-epoch (after the sink wrote items no snapshot covers) and is resumed leaves the
 * same files as a run that never crashed.
 */
class ConnectorResumeTest {

    private static final int ROWS = 25;

    @TempDir
    Path dir;

    /** Runs the flow once without recovery into {@code reference}, then crashing at row 12 and resumed into {@code out}. */
    private <T> void crashAndResume(Supplier<Source<T>> source, Function<T, String> row,
                                    Function<Path, Sink<?>> sink, Path reference, Path out) throws Exception {
        Runner.runMain(flow(source.get(), row, sink.apply(reference), new AtomicBoolean(true)),
                RunOptions.defaults().withClock(TestingClock.at(Instant.EPOCH)));
        Path store = dir.resolve("store");
        Recovery.initDbDir(store, 1);
        RunOptions options = RunOptions.defaults().withClock(TestingClock.at(Instant.EPOCH))
                .withEpochInterval(Duration.ZERO).withRecovery(store, Duration.ZERO);
        Dataflow flow = flow(source.get(), row, sink.apply(out), new AtomicBoolean());
        assertThatThrownBy(() -> Runner.runMain(flow, options)).hasRootCauseMessage("crash at row 12");
        Runner.runMain(flow, options);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Dataflow flow(Source<T> source, Function<T, String> row, Sink<?> sink,
                                     AtomicBoolean crashed) {
        Dataflow flow = new Dataflow("connectors_df");
        flow.input("inp", source).map("row", row::apply)
                .map("crash_once", r -> {
                    if (r.equals("12") && crashed.compareAndSet(false, true)) {
                        throw new IllegalStateException("crash at row 12");
                    }
                    return "row " + r;
                })
                .keyOn("key", r -> r.substring(r.length() - 1)).output("out", (Sink) sink);
        return flow;
    }

    private static List<String> numbers() {
        return IntStream.rangeClosed(1, ROWS).mapToObj(Integer::toString).collect(Collectors.toList());
    }

    private static String filesOf(Path d) throws Exception {
        var all = new TreeMap<String, String>();
        try (var files = Files.list(d)) {
            for (Path f : files.collect(Collectors.toList())) {
                all.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        return all.toString();
    }

    @Test
    void csvSourceResumesAfterTheRowsItHandedOut() throws Exception {
        Path csv = dir.resolve("in.csv");
        Files.writeString(csv, "n,text\n" + numbers().stream().map(n -> n + ",\"multi\nline\"")
                .collect(Collectors.joining("\n")) + "\n");
        crashAndResume(() -> new CSVSource(csv, 2), m -> m.get("n"), p -> new FileSink<String, String>(p), dir.resolve("ref.txt"),
                dir.resolve("out.txt"));
        assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo(Files.readString(dir.resolve("ref.txt")))
                .startsWith("row 1\nrow 2\n").endsWith("row 25\n");
    }

    @Test
    void jsonLinesSourceResumesAfterTheLineItHandedOut() throws Exception {
        Path json = dir.resolve("in.jsonl");
        Files.write(json, numbers().stream().map(n -> "{\"n\": \"" + n + "\"}").collect(Collectors.toList()));
        crashAndResume(() -> JsonLinesSource.ofMaps(json, 3), m -> (String) m.get("n"), p -> new FileSink<String, String>(p),
                dir.resolve("ref.txt"), dir.resolve("out.txt"));
        assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo(Files.readString(dir.resolve("ref.txt")))
                .endsWith("row 25\n");
    }

    @Test
    void dirSourceAndDirSinkResumeEachFileFromItsOwnPosition() throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        Files.write(in.resolve("a.txt"), numbers().subList(0, 13));
        Files.write(in.resolve("b.txt"), numbers().subList(13, ROWS));
        Path ref = Files.createDirectory(dir.resolve("ref"));
        Path out = Files.createDirectory(dir.resolve("out"));
        crashAndResume(() -> new DirSource(in, "*.txt", 2), line -> line, d -> new DirSink<String, String>(d, 3), ref, out);
        assertThat(filesOf(out)).isEqualTo(filesOf(ref)).contains("row 25");
    }
}
