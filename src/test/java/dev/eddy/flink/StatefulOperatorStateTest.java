package dev.eddy.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.Mapped;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.StatefulBatchLogic;
import dev.eddy.dataflow.Step;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import dev.eddy.windowing.SystemClock;
import dev.eddy.windowing.TumblingWindower;
import dev.eddy.windowing.Windowing;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A {@code stateful_batch} step's state on Flink lives in Flink keyed state: a checkpoint of the step's operator
 * holds every key's logic snapshot and its timer, and an operator restored from it goes on where the first left
 * off. Driven through Flink's operator harness, which snapshots and restores an operator as a failover does.
 */
class StatefulOperatorStateTest {

    private static final AtomicInteger SNAPSHOTS = new AtomicInteger();
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    @Test
    void aRunningCountGoesOnFromTheCheckpointAfterARestore() throws Exception {
        var flow = new Dataflow("count");
        flow.input("inp", TestingSource.of(KV.of("a", 1))).keyOn("k", kv -> "a")
                .statefulMap("count", (Integer n, Object x) -> Mapped.of(n == null ? 1 : n + 1, n == null ? 1 : n + 1))
                .output("out", new TestingSink<>(new ArrayList<>()));
        OperatorSubtaskState checkpoint;
        try (var first = harness(flow)) {
            first.open();
            first.processElement(KV.of("a", "x"), 0);
            first.processElement(KV.of("a", "x"), 0);
            first.processElement(KV.of("b", "x"), 0);
            checkpoint = first.snapshot(1, 0);
            first.processElement(KV.of("a", "x"), 0);   // after the checkpoint: lost with the failure
        }
        try (var restored = harness(flow)) {
            restored.initializeState(checkpoint);
            restored.open();
            restored.processElement(KV.of("a", "x"), 0);
            restored.processElement(KV.of("b", "x"), 0);
            restored.processElement(KV.of("c", "x"), 0);
            assertThat(restored.extractOutputValues()).containsExactly(KV.of("a", 3), KV.of("b", 2), KV.of("c", 1));
        }
    }

    @Test
    void aSystemClockWindowRestoredFromACheckpointClosesOnItsTimerWithoutAnotherItem() throws Exception {
        //   processing time: 0s          (checkpoint, failure, restore)     10s
        //   items:           a=1, a=2
        //   window [0s,10s)  open ............................................ closes: [1, 2]
        var flow = new Dataflow("sys");
        var inp = flow.input("inp", TestingSource.of(KV.of("a", 1)));
        var out = Windowing.collectWindow("w", inp, new SystemClock<Integer>(),
                new TumblingWindower(Duration.ofSeconds(10), START));
        out.down().output("down", new TestingSink<>(new ArrayList<>()));
        OperatorSubtaskState checkpoint;
        try (var first = harness(flow)) {
            first.setProcessingTime(START.toEpochMilli());
            first.open();
            first.processElement(KV.of("a", 1), 0);
            first.processElement(KV.of("a", 2), 0);
            checkpoint = first.snapshot(1, START.toEpochMilli());
        }
        try (var restored = harness(flow)) {
            restored.setProcessingTime(START.plusSeconds(5).toEpochMilli());
            restored.initializeState(checkpoint);
            restored.open();
            assertThat(restored.extractOutputValues()).isEmpty();
            restored.setProcessingTime(START.plusSeconds(10).toEpochMilli());
            assertThat(restored.extractOutputValues()).map(Object::toString).filteredOn(s -> s.contains("[1, 2]"))
                    .hasSize(1);
        }
    }

    @Test
    void aCheckpointSnapshotsOnlyTheKeysTouchedSinceTheLastOne() throws Exception {
        // A static counter: the step's function is shipped (serialized) to the operator, so a captured one would
        // count in the operator's copy, not here.
        AtomicInteger snapshots = SNAPSHOTS;
        snapshots.set(0);
        var flow = new Dataflow("dirty");
        flow.input("inp", TestingSource.of(KV.of("a", 1))).keyOn("k", kv -> "a")
                .statefulBatch("count", (Integer resume) -> new CountingLogic<>(resume, SNAPSHOTS))
                .output("out", new TestingSink<>(new ArrayList<>()));
        try (var harness = harness(flow)) {
            harness.open();
            for (String key : List.of("a", "b", "c")) {
                harness.processElement(KV.of(key, "x"), 0);
            }
            harness.snapshot(1, 0);
            assertThat(snapshots).hasValue(3);
            harness.processElement(KV.of("b", "x"), 0);
            harness.snapshot(2, 0);
            assertThat(snapshots).hasValue(4);
            harness.snapshot(3, 0);
            assertThat(snapshots).hasValue(4);
        }
    }

    @Test
    void atEndOfInputEveryKeyLiveOrOnlyRestoredEndsInKeyOrder() throws Exception {
        var flow = new Dataflow("eof");
        flow.input("inp", TestingSource.of(KV.of("a", 1))).keyOn("k", kv -> "a")
                .statefulBatch("count", (Integer resume) -> new CountingLogic<>(resume, new AtomicInteger()))
                .output("out", new TestingSink<>(new ArrayList<>()));
        OperatorSubtaskState checkpoint;
        try (var first = harness(flow)) {
            first.open();
            for (String key : List.of("d", "a", "c")) {
                first.processElement(KV.of(key, "x"), 0);
            }
            checkpoint = first.snapshot(1, 0);
        }
        try (var restored = harness(flow)) {
            restored.initializeState(checkpoint);
            restored.open();
            restored.processElement(KV.of("e", "x"), 0);
            restored.processElement(KV.of("b", "x"), 0);
            restored.processElement(KV.of("c", "x"), 0);
            int before = restored.extractOutputValues().size();
            restored.processWatermark(Long.MAX_VALUE);
            List<Object> ends = restored.extractOutputValues();
            assertThat(ends.subList(before, ends.size())).containsExactly(
                    KV.of("a", -1), KV.of("b", -1), KV.of("c", -2), KV.of("d", -1), KV.of("e", -1));
        }
    }

    @Test
    void aStateOfAClassOutsideTheAllowedPackagesFailsTheFirstCheckpointNamingTheStepKeyAndFix() throws Exception {
        var flow = new Dataflow("uri");
        flow.input("inp", TestingSource.of(KV.of("a", 1))).keyOn("k", kv -> "a")
                .statefulMap("last", (URI last, Object x) -> Mapped.of(URI.create("urn:x"), 1))
                .output("out", new TestingSink<>(new ArrayList<>()));
        try (var harness = harness(flow, List.of())) {
            harness.open();
            harness.processElement(KV.of("a", "x"), 0);
            assertThatThrownBy(() -> harness.snapshot(1, 0))
                    .hasStackTraceContaining("step 'uri.last.").hasStackTraceContaining("in snapshot for key 'a'")
                    .hasStackTraceContaining("FlinkRunner.withCheckpoints(interval, \"com.example.\")");
        }
        try (var harness = harness(flow, List.of("java.net."))) {
            harness.open();
            harness.processElement(KV.of("a", "x"), 0);
            OperatorSubtaskState checkpoint = harness.snapshot(1, 0);
            assertThat(checkpoint).isNotNull();
        }
    }

    /** Counts its key's items and how often any logic of the step is snapshotted; at the end, emits minus the count. */
    private record CountingLogic<V>(int[] n, AtomicInteger snapshots) implements StatefulBatchLogic<V, Integer, Integer> {
        CountingLogic(Integer resume, AtomicInteger snapshots) {
            this(new int[] {resume == null ? 0 : resume}, snapshots);
        }

        @Override
        public boolean onBatch(List<V> values, Consumer<? super Integer> out) {
            n[0] += values.size();
            out.accept(n[0]);
            return RETAIN;
        }

        @Override
        public boolean onEof(Consumer<? super Integer> out) {
            out.accept(-n[0]);
            return RETAIN;
        }

        @Override
        public Integer snapshot() {
            snapshots.incrementAndGet();
            return n[0];
        }
    }

    /** The harness around the flow's one stateful_batch step, as FlinkRunner translates it. */
    private KeyedOneInputStreamOperatorTestHarness<Object, Object, Object> harness(Dataflow flow) throws Exception {
        return harness(flow, List.of());
    }

    private KeyedOneInputStreamOperatorTestHarness<Object, Object, Object> harness(Dataflow flow,
            List<String> statePackages) throws Exception {
        Shipment shipment = Shipment.of(flow.primitiveSteps());
        String stateful = flow.primitiveSteps().stream()
                .filter(s -> s.primitive() instanceof Primitive.StatefulBatch)
                .map(Step::id).findFirst().orElseThrow();
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new StatefulOperator(shipment.step(stateful), statePackages),
                item -> ((KV<?, ?>) item).key(), TypeInformation.of(Object.class));
    }
}
