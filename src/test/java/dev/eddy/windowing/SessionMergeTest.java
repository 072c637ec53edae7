package dev.eddy.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.JoinEmitMode;
import dev.eddy.dataflow.JoinInsertMode;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two sessions bridged by a late-arriving value merge into the earlier one:
 * <pre>
 *   a@0 ─── session 0        b@10 ─── session 1
 *            x@5 arrives last, within 5 s of both: session 1 merges into session 0
 * </pre>
 */
class SessionMergeTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    record Tagged(String name, int second, int side) {
        Instant at() {
            return T0.plusSeconds(second);
        }
    }

    private static final List<Tagged> ITEMS = List.of(new Tagged("a", 0, 0), new Tagged("b", 10, 0),
            new Tagged("x", 5, 1));

    private final Dataflow flow = new Dataflow("merge");
    private final KeyedStream<String, Tagged> keyed = flow.input("inp", TestingSource.of(ITEMS, 1))
            .keyOn("k", t -> "k");
    private final EventClock<Tagged> clock = EventClock.waitingForEof(Tagged::at);
    private final SessionWindower sessions = new SessionWindower(Duration.ofSeconds(5));

    private <T> List<KV<String, WindowValue<T>>> run(KeyedStream<String, WindowValue<T>> down) {
        List<KV<String, WindowValue<T>>> out = new ArrayList<>();
        down.output("out", new TestingSink<>(out));
        Runner.runMain(flow, TestingClock.at(T0));
        return out;
    }

    @Test
    void mergedSessionKeepsTheEarlierIdAndRecordsTheOther() {
        var out = Windowing.collectWindow("c", keyed, clock, sessions, false);
        List<KV<String, WindowValue<WindowMetadata>>> meta = new ArrayList<>();
        out.meta().output("meta", new TestingSink<>(meta));
        var down = run(out.down());
        assertThat(down).containsExactly(KV.of("k", new WindowValue<>(0, List.of(ITEMS.get(0), ITEMS.get(2), ITEMS.get(1)))));
        assertThat(meta).containsExactly(KV.of("k", new WindowValue<>(0,
                new WindowMetadata(T0, T0.plusSeconds(10), Set.of(1L)))));
    }

    @Test
    void setsMergeByUnionAndMapsLetTheMergedSessionsValuesWin() {
        var names = keyed.mapValue("name", t -> KV.of(t.side() == 0 ? "left" : "right", t.name()));
        var setOut = Windowing.collectWindowSet("set", keyed.mapValue("side", Tagged::side),
                EventClock.waitingForEof((Integer side) -> T0), sessions, false);
        var mapOut = Windowing.collectWindowMap("map", names,
                EventClock.waitingForEof((KV<String, String> kv) -> T0.plusSeconds(switch (kv.getValue()) {
                    case "a" -> 0;
                    case "b" -> 10;
                    default -> 5;
                })), sessions, false);
        List<KV<String, WindowValue<Set<Integer>>>> sets = new ArrayList<>();
        setOut.down().output("sets", new TestingSink<>(sets));
        var maps = run(mapOut.down());
        assertThat(sets).containsExactly(KV.of("k", new WindowValue<>(0, Set.of(0, 1))));
        // Session 0 had {left=a, right=x}; session 1 had {left=b}; merger(target, original) = target.putAll(original).
        assertThat(maps).containsExactly(KV.of("k", new WindowValue<>(0, Map.of("left", "b", "right", "x"))));
    }

    @Test
    void joinAfterAMergeKeepsTheFirstValueForFirst() {
        assertThat(joinRows(JoinInsertMode.FIRST)).containsExactly(List.of(ITEMS.get(0), ITEMS.get(2)));
    }

    @Test
    void joinAfterAMergeKeepsTheLastValueForLast() {
        assertThat(joinRows(JoinInsertMode.LAST)).containsExactly(List.of(ITEMS.get(1), ITEMS.get(2)));
    }

    @Test
    void productJoinAfterAMergeKeepsEveryValue() {
        assertThat(joinRows(JoinInsertMode.PRODUCT))
                .containsExactly(List.of(ITEMS.get(0), ITEMS.get(2)), List.of(ITEMS.get(1), ITEMS.get(2)));
    }

    private List<List<Tagged>> joinRows(JoinInsertMode mode) {
        var left = keyed.filterValue("left", t -> t.side() == 0);
        var right = keyed.filterValue("right", t -> t.side() == 1);
        var out = Windowing.joinWindow("j", clock, sessions, mode, JoinEmitMode.FINAL, false, left, right);
        List<List<Tagged>> rows = new ArrayList<>();
        for (var kv : run(out.down())) {
            rows.add(kv.value().value());
        }
        return rows;
    }
}
