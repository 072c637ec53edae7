package dev.eddy.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * System time moves between batches (WindowingProperties freezes it): keys' windows close on wake-ups
 * during pauses, keys are dropped and start afresh, and late-only batches close windows. Whatever the
 * pauses, no run fails, and every item is accounted for exactly once in each of its windows: as a late
 * item, or as a value of a window emitted downstream (a key that starts afresh may open a window id again,
 * as Bytewax does). Every emitted window has its metadata. Each try runs on 1, 2 or 4 workers.
 */
class SystemTimeProperties {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant SYSTEM = Instant.parse("2030-01-01T00:00:00Z");

    /** An item: its key, its event time in seconds after T0, and its position in the input. */
    record Tick(String key, int ts, int seq) {
        Instant at() {
            return T0.plusSeconds(ts);
        }
    }

    /** Items in arrival order with pauses (in seconds, 0 for none) before each, batch size, wait, windower. */
    record Run(List<Tick> items, List<Integer> pauses, int batchSize, int waitSeconds,
               WindowingProperties.WindowSpec spec) {
        List<Object> itemsAndPauses() {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (pauses.get(i) > 0) {
                    out.add(TestingSource.pause(Duration.ofSeconds(pauses.get(i))));
                }
                out.add(items.get(i));
            }
            return out;
        }
    }

    @Provide
    Arbitrary<Run> runs() {
        Arbitrary<WindowingProperties.WindowSpec> spec = Arbitraries.frequencyOf(Tuple.of(1,
                Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.integers().between(-7, 7))
                        .as((len, align) -> new WindowingProperties.WindowSpec("tumbling", len, len, align))),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(1, 12),
                        Arbitraries.integers().between(1, 12), Arbitraries.integers().between(-7, 7))
                        .as((len, off, align) -> new WindowingProperties.WindowSpec("sliding", Math.max(len, off),
                                Math.min(len, off), align))),
                Tuple.of(1, Arbitraries.integers().between(0, 6)
                        .map(gap -> new WindowingProperties.WindowSpec("session", gap, 0, 0))));
        Arbitrary<Integer> pause = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.integers().between(1, 30)));
        return Arbitraries.integers().between(1, 20).flatMap(n -> Combinators.combine(
                Combinators.combine(Arbitraries.of("a", "b", "c"), Arbitraries.integers().between(-10, 30))
                        .as((k, ts) -> new Tick(k, ts, 0)).list().ofSize(n),
                pause.list().ofSize(n), Arbitraries.integers().between(1, 4), Arbitraries.of(0, 2, 5, 30), spec)
                .as((items, pauses, batch, wait, s) -> {
                    List<Tick> numbered = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        numbered.add(new Tick(items.get(i).key(), items.get(i).ts(), i));
                    }
                    return new Run(numbered, pauses, batch, wait, s);
                }));
    }

    @Property(tries = 1000)
    void everyItemIsInEachOfItsWindowsOnceAsLateOrEmittedWhateverThePauses(@ForAll("runs") Run run,
                                                                           @ForAll("workers") int workers) {
        Dataflow flow = new Dataflow("moving");
        var inp = flow.input("inp", TestingSource.withMarkers(Tick.class, run.batchSize(), run.itemsAndPauses()));
        KeyedStream<String, Tick> keyed = inp.keyOn("key", Tick::key);
        var out = Windowing.collectWindow("win", keyed,
                EventClock.withWait(Tick::at, Duration.ofSeconds(run.waitSeconds())), run.spec().windower());
        List<KV<String, WindowValue<List<Tick>>>> down = new ArrayList<>();
        List<KV<String, WindowValue<Tick>>> late = new ArrayList<>();
        List<KV<String, WindowValue<WindowMetadata>>> meta = new ArrayList<>();
        out.down().output("down", new TestingSink<>(down));
        out.late().output("late", new TestingSink<>(late));
        out.meta().output("meta", new TestingSink<>(meta));

        Runner.runMain(flow, RunOptions.defaults().withClock(TestingClock.at(SYSTEM)).withWorkers(workers));

        boolean sessions = run.spec().kind().equals("session");
        Map<String, List<String>> seen = new TreeMap<>();
        for (var kv : down) {
            for (Tick t : kv.value().value()) {
                seen.computeIfAbsent(kv.key(), k -> new ArrayList<>()).add(entry(kv.value().windowId(), t, sessions));
            }
        }
        for (var kv : late) {
            seen.computeIfAbsent(kv.key(), k -> new ArrayList<>()).add(entry(kv.value().windowId(), kv.value().value(),
                    sessions));
        }
        Map<String, List<String>> expected = new TreeMap<>();
        for (Tick t : run.items()) {
            for (long id : sessions ? List.of(-1L) : windowIds(run.spec(), t.ts())) {
                expected.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(entry(id, t, sessions));
            }
        }
        seen.values().forEach(l -> l.sort(null));
        expected.values().forEach(l -> l.sort(null));
        assertThat(seen).isEqualTo(expected);
        // Per key, in order: with several workers, keys' outputs interleave differently in each list.
        assertThat(windowsPerKey(meta)).isEqualTo(windowsPerKey(down));
        Statistics.label("late items").collect(!late.isEmpty());
        Statistics.label("a window emitted twice").collect(down.stream().map(kv -> kv.key() + "@"
                + kv.value().windowId()).distinct().count() < down.size());
        Statistics.label("late items").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("a window emitted twice").coverage(c -> c.check(true).percentage(p -> p > 2));
    }

    @Provide
    Arbitrary<Integer> workers() {
        return Arbitraries.of(1, 2, 4);
    }

    private static Map<String, List<Long>> windowsPerKey(List<? extends KV<String, ? extends WindowValue<?>>> items) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (var kv : items) {
            out.computeIfAbsent(kv.key(), k -> new ArrayList<>()).add(kv.value().windowId());
        }
        return out;
    }

    private static String entry(long windowId, Tick t, boolean sessions) {
        return (sessions ? "" : windowId + ":") + t.seq();
    }

    /** The ids k with open(k) = align + k * offset <= ts < open(k) + length, by scanning. */
    private static List<Long> windowIds(WindowingProperties.WindowSpec spec, int ts) {
        List<Long> ids = new ArrayList<>();
        for (long k = -100; k <= 100; k++) {
            long open = spec.align() + k * spec.offset();
            if (open <= ts && ts < open + spec.length()) {
                ids.add(k);
            }
        }
        return ids;
    }
}
