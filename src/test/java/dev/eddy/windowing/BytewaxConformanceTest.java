package dev.eddy.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.JoinEmitMode;
import dev.eddy.dataflow.JoinInsertMode;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.dataflow.Stream;
import dev.eddy.io.WallClock;
import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of Bytewax v0.21.1's windowing tests ({@code conformance/bytewax-tests.json}), run
 * against Eddy: dataflow cases compare {@code down}, {@code late} and {@code meta} per key, in order,
 * on 1, 2 and 4 workers (Bytewax runs none of them on more than one); unit cases drive a clock or
 * windower logic call by call.
 */
public class BytewaxConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant SYSTEM_START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Duration TIMEDELTA_MAX = Duration.ofDays(999_999_999).plusSeconds(86_399).plusNanos(999_999_000);

    /** An input value with the timestamp the case gives it. */
    record Event(Instant ts, JsonNode value) {
        @Override
        public String toString() {
            return value.toString();
        }
    }

    /** Each case, a dataflow case once per worker count. */
    public static List<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : bundled()) {
            String name = c.get("source").asText().replaceFirst(".*/", "");
            for (int workers : c.get("level").asText().equals("dataflow") ? new int[] {1, 2, 4} : new int[] {1}) {
                out.add(Arguments.of(name, c, workers));
            }
        }
        return out;
    }

    private static JsonNode bundled() throws IOException {
        try (InputStream in = BytewaxConformanceTest.class.getResourceAsStream("/conformance/bytewax-tests.json")) {
            assertThat(in).as("src/test/resources/conformance/bytewax-tests.json must be on the classpath").isNotNull();
            return JSON.readTree(in);
        }
    }

    @Test
    void bundledCasesAreTheSharedConformanceFile() throws IOException {
        // ../shared from the main checkout; ../../shared from a worktree under wt/.
        Path shared = Path.of("..", "shared", "conformance", "bytewax-tests.json");
        if (!Files.exists(shared)) {
            shared = Path.of("..", "..", "shared", "conformance", "bytewax-tests.json");
        }
        assumeThat(Files.exists(shared))
                .as("the shared conformance file %s is missing; the bundled copy is used alone", shared.toAbsolutePath())
                .isTrue();
        assertThat(bundled()).isEqualTo(JSON.readTree(shared.toFile()));
    }

    @Test
    void everyCaseIsPorted() throws IOException {
        assertThat(bundled().size()).isEqualTo(67);
    }

    @ParameterizedTest(name = "{0} on {2} worker(s)")
    @MethodSource("cases")
    void matchesBytewax(String name, JsonNode c, int workers) {
        if (c.get("level").asText().equals("dataflow")) {
            runDataflow(c, flow -> Runner.runMain(flow,
                    RunOptions.defaults().withClock(TestingClock.at(SYSTEM_START)).withWorkers(workers)));
        } else {
            switch (c.get("operator").asText()) {
                case "EventClockLogic" -> eventClock(c);
                case "SystemClockLogic" -> systemClock(c);
                case "SlidingWindowerLogic.intersects" -> intersects(c);
                case "SessionWindowerLogic" -> sessionLogic(c);
                case "_session_find_merges" -> findMerges(c);
                default -> throw new AssertionError("unknown unit operator " + c.get("operator"));
            }
        }
    }

    // ---------------------------------------------------------------- dataflow cases

    /**
     * Builds a dataflow case's flow, runs it with {@code run} (the local runtime here; FlinkRunner's parity
     * tests pass their own) and checks its outputs against Bytewax's.
     */
    public static void runDataflow(JsonNode shared, Consumer<Dataflow> run) {
        // A reducer may mutate its inputs, as Bytewax's test_reduce_window does; each run gets its own.
        JsonNode c = shared.deepCopy();
        String operator = c.get("operator").asText();
        Dataflow flow = new Dataflow("conformance");
        Windower<?> windower = windower(c.get("windower"));
        boolean ordered = c.get("operator_params").path("ordered").asBoolean(true);
        List<Event> events = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Integer> sides = new ArrayList<>();
        int batchSize = 1;
        if (c.has("inputs_generator")) {
            Instant start = Instant.parse("2024-01-01T00:00:00Z");
            for (int i = 0; i < 100_000; i++) {
                Instant t = start.plusSeconds(i);
                events.add(new Event(t, JsonNodeFactory.instance.textNode(t.toString())));
                keys.add("ALL");
                sides.add(0);
            }
            batchSize = 10;
        } else {
            for (JsonNode in : c.get("inputs")) {
                String ts = in.get("ts").asText();
                events.add(new Event(ts.startsWith("system") ? null : Instant.parse(ts), in.get("value")));
                keys.add(in.get("key").asText());
                sides.add(in.path("side").asInt(0));
            }
        }
        List<KV<String, Event>> keyed = IntStream.range(0, events.size())
                .mapToObj(i -> KV.of(keys.get(i), events.get(i))).toList();
        Clock<Event, ?> clock = clock(c.get("clock"));
        WindowOut<String, ?, ?> out;
        if (operator.equals("count_window")) {
            Stream<Event> inp = flow.input("inp", TestingSource.of(events, batchSize));
            out = Windowing.countWindow("w", inp, clock, windower, e -> e.value().get("user").asText());
        } else if (operator.equals("join_window")) {
            List<Stream<KV<String, Event>>> sideStreams = new ArrayList<>();
            for (int side = 0; side < c.get("operator_params").get("sides").asInt(); side++) {
                int s = side;
                List<KV<String, Event>> items = IntStream.range(0, keyed.size()).filter(i -> sides.get(i) == s)
                        .mapToObj(keyed::get).toList();
                sideStreams.add(flow.input("side" + side, TestingSource.of(items, 1)));
            }
            JsonNode p = c.get("operator_params");
            out = p.get("explicit_modes_passed").asBoolean()
                    ? Windowing.joinWindow("w", clock, windower,
                            JoinInsertMode.valueOf(p.get("insert_mode").asText().toUpperCase()),
                            JoinEmitMode.valueOf(p.get("emit_mode").asText().toUpperCase()), ordered, sideStreams)
                    : Windowing.joinWindow("w", clock, windower, sideStreams.get(0), sideStreams.get(1));
        } else {
            KeyedStream<String, Event> inp = KeyedStream.of(flow.input("inp", TestingSource.of(keyed, batchSize)));
            out = keyedOperator(c, inp, clock, windower, ordered);
        }
        List<KV<String, ? extends WindowValue<?>>> down = new ArrayList<>();
        List<KV<String, ? extends WindowValue<?>>> late = new ArrayList<>();
        List<KV<String, ? extends WindowValue<?>>> meta = new ArrayList<>();
        out.down().output("down", new TestingSink<>(down));
        out.late().output("late", new TestingSink<>(late));
        out.meta().output("meta", new TestingSink<>(meta));
        run.accept(flow);

        JsonNode expected = c.get("expected");
        if (expected.has("down_generator")) {
            assertThat(down).hasSize(1667);
            assertThat(meta).hasSize(1667);
            for (int i = 0; i < 1667; i++) {
                assertThat(down.get(i)).isEqualTo(KV.of("ALL", new WindowValue<>(i, null)));
                assertThat(((WindowMetadata) meta.get(i).value().value()).openTime())
                        .isEqualTo(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60L * i));
            }
            assertThat(late).isEmpty();
            return;
        }
        assertThat(perKey(down)).as("down").isEqualTo(perKey(expected.get("down")));
        assertThat(perKey(late)).as("late").isEqualTo(perKey(expected.get("late")));
        if (c.get("clock").get("type").asText().equals("SystemClock")) {
            assertThat(meta).hasSize(1);
            WindowMetadata m = (WindowMetadata) meta.get(0).value().value();
            assertThat(m.openTime()).isEqualTo(SYSTEM_START);
            assertThat(m.closeTime()).isAfterOrEqualTo(m.openTime());
        } else {
            assertThat(perKey(meta)).as("meta").isEqualTo(perKey(expected.get("meta")));
        }
    }

    @SuppressWarnings("unchecked")
    private static WindowOut<String, ?, ?> keyedOperator(JsonNode c, KeyedStream<String, Event> inp,
                                                          Clock<Event, ?> clock, Windower<?> windower, boolean ordered) {
        String source = c.get("source").asText();
        switch (c.get("operator").asText()) {
            case "fold_window":
                if (source.endsWith("test_fold_window_tumbling")) {
                    return Windowing.foldWindow("w", inp, clock, windower, LinkedHashMap<String, Integer>::new,
                            (counts, e) -> {
                                counts.merge(e.value().get("typ").asText(), 1, Integer::sum);
                                return counts;
                            },
                            (a, b) -> {
                                a.putAll(b);
                                return a;
                            }, ordered);
                }
                if (source.endsWith("test_fold_window_benchmark")) {
                    return Windowing.foldWindow("w", inp, clock, windower, () -> null, (s, e) -> s, (s, t) -> s,
                            ordered);
                }
                boolean plainValues = source.endsWith("test_session_with_system_clock");
                return Windowing.<String, Event, List<JsonNode>>foldWindow("w", inp, clock, windower, ArrayList::new,
                        (acc, e) -> {
                            acc.add(plainValues ? e.value() : e.value().get("value"));
                            return acc;
                        },
                        (a, b) -> {
                            List<JsonNode> both = new ArrayList<>(a);
                            both.addAll(b);
                            return both;
                        }, ordered);
            case "collect_window":
                return Windowing.collectWindow("w", inp, clock, windower, ordered);
            case "max_window":
                return Windowing.maxWindow("w", inp, clock, windower,
                        (a, b) -> Integer.compare(a.value().get("val").asInt(), b.value().get("val").asInt()));
            case "min_window":
                return Windowing.minWindow("w", inp, clock, windower,
                        (a, b) -> Integer.compare(a.value().get("val").asInt(), b.value().get("val").asInt()));
            case "reduce_window":
                return Windowing.reduceWindow("w", inp, clock, windower, (acc, x) -> {
                    ObjectNode v = (ObjectNode) acc.value();
                    v.put("val", v.get("val").asInt() + x.value().get("val").asInt());
                    return acc;
                });
            default:
                throw new AssertionError("unknown operator " + c.get("operator"));
        }
    }

    /** Items grouped by key, each as {@code [window_id, value]} JSON, in order. */
    private static Map<String, List<JsonNode>> perKey(List<? extends KV<String, ? extends WindowValue<?>>> items) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        for (KV<String, ? extends WindowValue<?>> kv : items) {
            ArrayNode pair = JsonNodeFactory.instance.arrayNode();
            pair.add(kv.value().windowId());
            pair.add(toJson(kv.value().value()));
            out.computeIfAbsent(kv.key(), k -> new ArrayList<>()).add(reparse(pair));
        }
        return new java.util.TreeMap<>(out);
    }

    /** Re-reads JSON text, so numbers get the node types a parser gives them whatever built them. */
    private static JsonNode reparse(JsonNode node) {
        try {
            return JSON.readTree(node.toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, List<JsonNode>> perKey(JsonNode expected) {
        Map<String, List<JsonNode>> out = new java.util.TreeMap<>();
        for (JsonNode item : expected) {
            out.computeIfAbsent(item.get(0).asText(), k -> new ArrayList<>()).add(reparse(normalise(item.get(1))));
        }
        return out;
    }

    private static JsonNode toJson(Object value) {
        if (value instanceof Event e) {
            return e.value();
        }
        if (value instanceof KV<?, ?> kv && kv.key() instanceof Integer) {
            return toJson(kv.value());   // join_window's late items are (side, value)
        }
        if (value instanceof WindowMetadata m) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("open_time", m.openTime().toString());
            node.put("close_time", m.closeTime().toString());
            ArrayNode ids = node.putArray("merged_ids");
            new TreeSet<>(m.mergedIds()).forEach(ids::add);
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode node = JsonNodeFactory.instance.arrayNode();
            list.forEach(x -> node.add(toJson(x)));
            return node;
        }
        return JSON.valueToTree(value);
    }

    /** Expected JSON with times re-printed as {@code Instant.toString} does. */
    private static JsonNode normalise(JsonNode node) {
        if (node.isObject() && node.has("open_time") && node.has("close_time")) {
            ObjectNode copy = node.deepCopy();
            copy.put("open_time", time(node.get("open_time").asText()).toString());
            copy.put("close_time", time(node.get("close_time").asText()).toString());
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(x -> copy.add(normalise(x)));
            return copy;
        }
        return node;
    }

    // ---------------------------------------------------------------- unit cases

    private void eventClock(JsonNode c) {
        TestingClock system = TestingClock.at(SYSTEM_START);
        EventClock<Instant> clock = new EventClock<Instant>(t -> t, duration(c.get("clock").get("wait_for_system_duration")))
                .withNowGetter(system::now);
        ClockLogic<Instant, EventClockState> logic = clock.build(null);
        long wm = Micros.UTC_MIN;
        for (JsonNode step : c.get("inputs")) {
            if (step.has("advance_system_time")) {
                system.advance(Duration.parse(step.get("advance_system_time").asText()));
                continue;
            }
            switch (step.get("call").asText()) {
                case "before_batch" -> logic.beforeBatch();
                case "on_item" -> {
                    logic.onItem(time(step.get("ts").asText()));
                    wm = logic.watermark();
                }
                case "on_notify" -> wm = logic.onNotify();
                case "on_eof" -> wm = logic.onEof();
                default -> throw new AssertionError("unknown call " + step);
            }
            if (step.has("returned_watermark")) {
                assertThat(Micros.toInstant(wm)).as(step.toString()).isEqualTo(time(step.get("returned_watermark").asText()));
            }
        }
        assertThat(Micros.toInstant(wm)).isEqualTo(time(c.get("expected").get("final_watermark").asText()));
    }

    private void systemClock(JsonNode c) {
        TestingClock system = TestingClock.at(SYSTEM_START);
        long wm = WallClock.using(system, () -> {
            ClockLogic<Object, Void> logic = new SystemClock<>().build(null);
            long last = Micros.UTC_MIN;
            for (JsonNode step : c.get("inputs")) {
                assertThat(step.get("call").asText()).isEqualTo("on_eof");
                last = logic.onEof();
            }
            return last;
        });
        assertThat(Micros.toInstant(wm)).isEqualTo(time(c.get("expected").get("final_watermark").asText()));
    }

    private void intersects(JsonNode c) {
        WindowerLogic<?> logic = windower(c.get("windower")).build(null);
        WindowIds late = new WindowIds();
        WindowIds opened = new WindowIds();
        long ts = Micros.of(time(c.get("inputs").get(0).get("ts").asText()));
        logic.lateFor(ts, late);
        logic.openFor(ts, opened);
        List<Long> expected = new ArrayList<>();
        c.get("expected").get("window_ids").forEach(id -> expected.add(id.asLong()));
        assertThat(late.toArray()).containsExactly(expected.stream().mapToLong(Long::longValue).toArray());
        assertThat(opened.toArray()).containsExactly(late.toArray());
    }

    private void sessionLogic(JsonNode c) {
        SessionWindower windower = (SessionWindower) windower(c.get("windower"));
        JsonNode init = c.path("initial_state");
        SessionState resume = init.isNull() || init.isMissingNode() ? null
                : new SessionState(init.get("max_key").asLong(), sessions(init.get("sessions")));
        SessionWindowerLogic logic = (SessionWindowerLogic) windower.build(resume);
        for (JsonNode step : c.get("inputs")) {
            WindowIds ids = new WindowIds();
            switch (step.get("call").asText()) {
                case "open_for" -> logic.openFor(Micros.of(time(step.get("ts").asText())), ids);
                case "late_for" -> logic.lateFor(Micros.of(time(step.get("ts").asText())), ids);
                case "merged" -> logic.merged(ids);
                default -> throw new AssertionError("unknown call " + step);
            }
            List<Long> returned = new ArrayList<>();
            step.get("returned").forEach(x -> {
                if (x.isArray()) {
                    x.forEach(y -> returned.add(y.asLong()));
                } else {
                    returned.add(x.asLong());
                }
            });
            assertThat(ids.toArray()).as(step.toString())
                    .containsExactly(returned.stream().mapToLong(Long::longValue).toArray());
        }
        if (c.get("expected").has("sessions")) {
            assertThat(logic.sessionsView()).isEqualTo(sessions(c.get("expected").get("sessions")));
        }
    }

    private void findMerges(JsonNode c) {
        long gap = Micros.of(Duration.parse(c.get("windower").get("gap").asText()));
        List<SessionWindowerLogic.Session> sessions = new ArrayList<>();
        sessions(c.get("inputs").get(0).get("sessions")).forEach((id, m) ->
                sessions.add(new SessionWindowerLogic.Session(id, Micros.of(m.openTime()), Micros.of(m.closeTime()))));
        WindowIds merges = new WindowIds();
        SessionWindowerLogic.findMerges(sessions, gap, merges);
        List<Long> expectedMerges = new ArrayList<>();
        c.get("expected").get("merges").forEach(pair -> pair.forEach(x -> expectedMerges.add(x.asLong())));
        assertThat(merges.toArray()).containsExactly(expectedMerges.stream().mapToLong(Long::longValue).toArray());
        Map<Long, WindowMetadata> after = new LinkedHashMap<>();
        sessions.forEach(s -> after.put(s.id, s.metadata()));
        assertThat(after).isEqualTo(sessions(c.get("expected").get("sessions_after")));
    }

    // ---------------------------------------------------------------- parsing

    private static Map<Long, WindowMetadata> sessions(JsonNode node) {
        Map<Long, WindowMetadata> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            List<Long> merged = new ArrayList<>();
            e.getValue().get("merged_ids").forEach(x -> merged.add(x.asLong()));
            out.put(Long.parseLong(e.getKey()), new WindowMetadata(time(e.getValue().get("open_time").asText()),
                    time(e.getValue().get("close_time").asText()), new java.util.HashSet<>(merged)));
        });
        return out;
    }

    private static Windower<?> windower(JsonNode w) {
        String type = w.get("type").asText();
        if (type.startsWith("TumblingWindower")) {
            return new TumblingWindower(Duration.parse(w.get("length").asText()), Instant.parse(w.get("align_to").asText()));
        }
        if (type.startsWith("SlidingWindower")) {
            return new SlidingWindower(Duration.parse(w.get("length").asText()), Duration.parse(w.get("offset").asText()),
                    Instant.parse(w.get("align_to").asText()));
        }
        if (type.startsWith("SessionWindower")) {
            return new SessionWindower(Duration.parse(w.get("gap").asText()));
        }
        throw new AssertionError("unknown windower " + w);
    }

    private static Clock<Event, ?> clock(JsonNode c) {
        if (c.get("type").asText().equals("SystemClock")) {
            return new SystemClock<>();
        }
        return new EventClock<>(Event::ts, duration(c.get("wait_for_system_duration")));
    }

    private static Duration duration(JsonNode wait) {
        return wait.asText().startsWith("timedelta.max") ? TIMEDELTA_MAX : Duration.parse(wait.asText());
    }

    /** Parses Python's ISO times, including {@code 1-01-01T00:00:00Z} (a year without padding). */
    private static Instant time(String text) {
        int dash = text.indexOf('-');
        return Instant.parse("0".repeat(Math.max(0, 4 - dash)) + text);
    }
}
