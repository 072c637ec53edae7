package dev.eddy.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.runtime.RecoveryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterTry;

class StoreProperties {

    private Path dir;

    @AfterTry
    void removeStore() throws IOException {
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Per epoch, which of keys a..e changed and to what ({@code null}: discarded). */
    @Provide
    Arbitrary<List<Map<String, Long>>> histories() {
        Arbitrary<Map<String, Long>> epoch = Arbitraries.maps(Arbitraries.of("a", "b", "c", "d", "e"),
                Arbitraries.longs().between(0, 99).injectNull(0.2)).ofMaxSize(5);
        return epoch.list().ofMinSize(1).ofMaxSize(8);
    }

    /**
     * The GC law behind Bytewax's commit: deleting up to epoch c never changes what a resume at any
     * epoch after c loads. Checked against the history itself as the oracle.
     */
    @Property(tries = 25)
    void commitNeverChangesWhatALaterResumeLoads(@ForAll("histories") List<Map<String, Long>> history,
                                                 @ForAll @IntRange(min = 1, max = 8) int commitAt,
                                                 @ForAll @IntRange(min = 1, max = 3) int partitions)
            throws IOException, SQLException {
        dir = Files.createTempDirectory("gc-law");
        Recovery.initDbDir(dir, partitions);
        try (RecoveryStore store = Recovery.open(dir, "f")) {
            store.startExecution(1);
            for (int e = 0; e < history.size(); e++) {
                long epoch = e + 1;
                List<RecoveryStore.Snapshot> snaps = new ArrayList<>();
                history.get(e).forEach((k, v) -> snaps.add(new RecoveryStore.Snapshot("f.s", k, epoch, v)));
                store.writeEpoch(0, epoch, snaps);
            }
            store.commit(Math.min(commitAt, history.size()));
        }
        List<Partition> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(Partition.open(dir.resolve("part-" + p + ".sqlite3")));
        }
        try {
            long committed = Math.min(commitAt, history.size());
            for (long resume = committed + 1; resume <= history.size() + 1; resume++) {
                Map<Object, Object> loaded = new HashMap<>();
                for (Partition p : parts) {
                    p.load(resume, row -> loaded.put(SnapshotCodec.standard().decodeKey(row.stateKey()),
                            SnapshotCodec.standard().decode(row.change())));
                }
                assertThat(loaded).as("resume at %d after commit at %d", resume, committed)
                        .isEqualTo(expected(history, resume));
            }
        } finally {
            parts.forEach(Partition::close);
        }
    }

    private static Map<Object, Object> expected(List<Map<String, Long>> history, long resume) {
        Map<Object, Object> state = new LinkedHashMap<>();
        for (int e = 0; e < resume - 1 && e < history.size(); e++) {
            history.get(e).forEach((k, v) -> {
                if (v == null) {
                    state.remove(k);
                } else {
                    state.put(k, v);
                }
            });
        }
        return state;
    }

    @Provide
    Arbitrary<Object> states() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(Arbitraries.longs().map(x -> (Object) x),
                Arbitraries.integers().map(x -> (Object) x), Arbitraries.strings().ofMaxLength(6).map(x -> (Object) x),
                Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L)
                        .map(s -> (Object) Instant.ofEpochSecond(s, Math.floorMod(s, 1_000_000_000L))),
                Arbitraries.of(true, false).map(x -> (Object) x),
                Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.NEGATIVE_INFINITY)
                        .withSpecialValue(-0.0).map(x -> (Object) x));
        return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(x -> (Object) x),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(3), inner).ofMaxSize(3).map(x -> (Object) x),
                Arbitraries.maps(Arbitraries.longs(), inner).ofMaxSize(3).map(x -> (Object) new LinkedHashMap<>(x)),
                inner.map(x -> (Object) new Holder(x, List.of(x)))), 3);
    }

    record Holder(Object value, List<Object> values) {
    }

    @Property(tries = 300)
    void everyStateComesBackEqualAndOfTheSameClasses(@ForAll("states") Object state) {
        SnapshotCodec codec = SnapshotCodec.standard();
        Object back = codec.decode(codec.encode(state));
        assertThat(back).isEqualTo(state);
        assertThat(shape(back)).isEqualTo(shape(state));
        assertThat(codec.decodeKey(codec.encodeKey(state))).isEqualTo(state);
    }

    /** The classes of every leaf, in order: equal values of other classes (1 and 1L) would differ here. */
    private static List<String> shape(Object x) {
        List<String> out = new ArrayList<>();
        walk(x, out);
        return out;
    }

    private static void walk(Object x, List<String> out) {
        if (x instanceof List<?> l) {
            l.forEach(v -> walk(v, out));
        } else if (x instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                walk(k, out);
                walk(v, out);
            });
        } else if (x instanceof Holder h) {
            walk(h.value(), out);
            walk(h.values(), out);
        } else {
            out.add(x == null ? "null" : x.getClass().getName());
        }
    }
}
