package dev.eddy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.dataflow.Mapped;
import dev.eddy.dataflow.StepException;
import dev.eddy.io.AbortExecution;
import dev.eddy.io.DynamicSink;
import dev.eddy.io.DynamicSource;
import dev.eddy.io.EndOfInput;
import dev.eddy.io.FixedPartitionedSource;
import dev.eddy.io.StatefulSourcePartition;
import dev.eddy.io.StatelessSourcePartition;
import dev.eddy.runtime.WorkersStressTest.Ev;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import dev.eddy.windowing.EventClock;
import dev.eddy.windowing.WindowOut;
import dev.eddy.windowing.Windowing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Several workers on the system clock with no snapshots run free: each at its own pace, items handed on
 * through bounded channels. One worker waiting does not hold back the others, a fast producer waits for a
 * slow consumer, and per-key results are still one worker's.
 */
class FreeWorkersTest {


    /**
     * A source with one partition per list, named {@code p0}, {@code p1}, ...: each returns {@code batch}
     * items at a time, and an empty batch every {@code emptyEvery} calls (never for 0; at least 2).
     */
    private record Parts(List<List<Ev>> parts, int batch, int emptyEvery) implements FixedPartitionedSource<Ev, Integer> {
        @Override
        public List<String> listParts() {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                names.add("p" + i);
            }
            return names;
        }

        @Override
        public StatefulSourcePartition<Ev, Integer> buildPart(String stepId, String forPart, Integer resumeState) {
            List<Ev> items = parts.get(Integer.parseInt(forPart.substring(1)));
            return new StatefulSourcePartition<>() {
                int next;
                int calls;

                @Override
                public List<Ev> nextBatch() {
                    if (next >= items.size()) {
                        throw new EndOfInput();
                    }
                    if (emptyEvery > 0 && ++calls % emptyEvery == 0) {
                        return List.of();
                    }
                    List<Ev> out = new ArrayList<>(items.subList(next, Math.min(items.size(), next + batch)));
                    next += out.size();
                    return out;
                }

                @Override
                public Integer snapshot() {
                    return next;
                }
            };
        }
    }

    @Test
    void aWorkerWaitingOnItsSourceDoesNotHoldBackTheOthers() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch allOfB = new CountDownLatch(5);
        // Partition "a" (worker 0's, by sorted name) waits until the test lets it end; "b" (worker 1's) has
        // five items, one per batch, all of a key worker 1 owns.
        FixedPartitionedSource<Integer, Integer> source = new FixedPartitionedSource<>() {
            @Override
            public List<String> listParts() {
                return List.of("a", "b");
            }

            @Override
            public StatefulSourcePartition<Integer, Integer> buildPart(String stepId, String forPart, Integer state) {
                return new StatefulSourcePartition<>() {
                    int next;

                    @Override
                    public List<Integer> nextBatch() {
                        if (forPart.equals("a")) {
                            try {
                                release.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            throw new EndOfInput();
                        }
                        if (next == 5) {
                            throw new EndOfInput();
                        }
                        return List.of(next++);
                    }

                    @Override
                    public Integer snapshot() {
                        return next;
                    }
                };
            }
        };
        List<Object> written = Collections.synchronizedList(new ArrayList<>());
        DynamicSink<Object> sink = (step, worker, workers) -> batch -> {
            written.addAll(batch);
            batch.forEach(x -> allOfB.countDown());
        };
        String key = ownedByWorkerOne();
        Dataflow flow = new Dataflow("free");
        flow.input("inp", source).keyOn("key", x -> key)
                .statefulMap("seen", (Integer n, Integer x) -> Mapped.of(x, x)).map("value", KV::value)
                .output("out", sink);
        Execution run = Runner.prepare(flow, RunOptions.defaults().withWorkers(2));
        Thread thread = new Thread(run::run);
        thread.start();

        boolean sawAllWhileWaiting = allOfB.await(10, TimeUnit.SECONDS);
        release.countDown();
        thread.join(Duration.ofSeconds(30).toMillis());

        assertThat(sawAllWhileWaiting).as("worker 1's five items were written while worker 0 waited").isTrue();
        assertThat(thread.isAlive()).isFalse();
        assertThat(written).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    @Test
    void aFastProducerWaitsForASlowConsumerSoWhatIsInFlightStaysBounded() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger read = new AtomicInteger();
        String key = ownedByWorkerOne();
        List<Ev> items = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            items.add(new Ev(key, 0, i));
        }
        // One partition, read by worker 0, one item per batch; every item's key is owned by worker 1, whose
        // sink does not return until the test lets it.
        Parts parts = new Parts(List.of(items), 1, 0);
        List<Object> written = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger firstBatch = new AtomicInteger(-1);
        DynamicSink<Object> sink = (step, worker, workers) -> batch -> {
            firstBatch.compareAndSet(-1, batch.size());
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.addAll(batch);
        };
        Dataflow flow = new Dataflow("bounded");
        flow.input("inp", parts).map("count", e -> {
            read.incrementAndGet();
            return e;
        }).keyOn("key", Ev::key).statefulMap("last", (Integer n, Ev e) -> Mapped.of(e.seq(), e.seq()))
                .map("value", KV::value).output("out", sink);
        Execution run = Runner.prepare(flow, RunOptions.defaults().withWorkers(2));
        Thread thread = new Thread(run::run);
        thread.start();
        Thread.sleep(500);
        int readWhileBlocked = read.get();
        release.countDown();
        thread.join(Duration.ofSeconds(60).toMillis());

        // The blocked sink's batch, a full channel, and the one item whose chunk waits to go in.
        assertThat(readWhileBlocked).as("items read while the consumer was blocked")
                .isLessThanOrEqualTo(firstBatch.get() + Crew.Channel.CAPACITY + 1);
        assertThat(thread.isAlive()).isFalse();
        assertThat(written).hasSize(10_000);
    }

    @Test
    void anAbortOnOneWorkerEndsEveryWorkerWithoutEndOfInput() throws InterruptedException {
        // Worker 0 reads three batches, then aborts; worker 1 counts up and never ends.
        DynamicSource<Long> source = (stepId, worker, workers) -> new StatelessSourcePartition<>() {
            long next = worker * 1_000_000L;

            @Override
            public List<Long> nextBatch() {
                if (worker == 0 && next == 3) {
                    throw new AbortExecution();
                }
                return List.of(next++);
            }
        };
        List<Object> written = Collections.synchronizedList(new ArrayList<>());
        Dataflow flow = new Dataflow("abort");
        flow.input("inp", source).keyOn("key", x -> "k" + (x % 5))
                .statefulMap("sum", (Long s, Long x) -> Mapped.of((s == null ? 0 : s) + x, x))
                .map("value", KV::value).output("out", new TestingSink<>(written));
        Execution run = Runner.prepare(flow, RunOptions.defaults().withWorkers(2));
        Thread thread = new Thread(run::run);
        thread.start();
        thread.join(Duration.ofSeconds(30).toMillis());

        assertThat(thread.isAlive()).as("the run ended").isFalse();
        assertThat(run.isFinished()).isTrue();
        assertThat(run.isStopRequested()).as("an abort is not a stop").isFalse();
    }

    @Test
    void aNullKeyBeforeAStatefulStepFailsNamingTheKeyOnStepTheItemAndTheWorker() {
        Dataflow flow = new Dataflow("nullkey");
        flow.input("inp", TestingSource.of("a", "", "b")).keyOn("k", s -> s.isEmpty() ? null : s)
                .statefulMap("count", (Integer n, String x) -> Mapped.of(n == null ? 1 : n + 1, x))
                .output("out", new TestingSink<>(new ArrayList<>()));

        assertThatThrownBy(() -> Runner.runMain(flow, RunOptions.defaults().withWorkers(2)))
                .isInstanceOf(StepException.class)
                .hasMessageContaining("key_on step 'nullkey.k' must return a non-null key; got null instead for item \"\"")
                .hasMessageEndingWith("(on worker W0 of 2)");
    }

    /** A key that worker 1 of 2 owns. */
    private static String ownedByWorkerOne() {
        String key = "k";
        while (KeyHash.owner(key, 2) != 1) {
            key += "k";
        }
        return key;
    }

    /** What one run produced: per key, each output stream in order; spread items as sorted text. */
    record Outcome(Map<String, List<String>> perKey, List<String> spread) {
    }

    @Test
    void aThousandSeededRunsOnTheSystemClockOnTwoToEightWorkersEndAndMatchOneWorkerPerKey() {
        for (int seed = 0; seed < 1_000; seed++) {
            Random random = new Random(seed);
            int partCount = 1 + random.nextInt(4);
            List<List<Ev>> parts = new ArrayList<>();
            for (int p = 0; p < partCount; p++) {
                int keys = 1 + random.nextInt(8);
                int count = random.nextInt(120);
                List<Ev> part = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    // Each key is fed from one partition, so its order is the partition's.
                    part.add(new Ev("p" + p + "k" + random.nextInt(keys), random.nextInt(40), i));
                }
                parts.add(part);
            }
            Parts source = new Parts(parts, 1 + random.nextInt(16), random.nextInt(3) == 0 ? 0 : 2 + random.nextInt(3));
            int window = random.nextInt(3);
            int workers = 2 + random.nextInt(7);
            int s = seed;
            Outcome one = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run(source, window, 1),
                    () -> "seed " + s + " on one worker did not end within 30 s");
            Outcome many = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run(source, window, workers),
                    () -> "seed " + s + " on " + workers + " workers did not end within 30 s");
            assertThat(many.perKey()).as("seed %s on %s workers: per-key outputs", seed, workers)
                    .isEqualTo(one.perKey());
            assertThat(many.spread()).as("seed %s on %s workers: redistributed items", seed, workers)
                    .isEqualTo(one.spread());
        }
    }

    private static Outcome run(Parts source, int window, int workers) {
        Dataflow flow = new Dataflow("free_stress");
        var inp = flow.input("inp", source);
        KeyedStream<String, Ev> keyed = inp.keyOn("key", Ev::key);
        // An hour's wait on the system clock: every window closes at end of input, whatever the timing.
        WindowOut<String, Ev, List<Ev>> out = Windowing.collectWindow("win", keyed,
                EventClock.withWait(Ev::at, Duration.ofHours(1)), WorkersStressTest.windower(window));
        List<KV<String, ?>> down = new ArrayList<>();
        List<KV<String, ?>> late = new ArrayList<>();
        List<KV<String, ?>> counts = new ArrayList<>();
        List<Object> spread = new ArrayList<>();
        out.down().output("down", new TestingSink<>(down));
        out.late().output("late", new TestingSink<>(late));
        keyed.statefulMap("count", (Integer n, Ev e) -> {
            int c = n == null ? 1 : n + 1;
            return Mapped.of(c, c + "@" + e.seq());
        }).output("counts", new TestingSink<>(counts));
        inp.redistribute("spread").map("seq", e -> e.key() + "#" + e.seq()).output("spread_out",
                new TestingSink<>(spread));
        Runner.runMain(flow, RunOptions.defaults().withWorkers(workers));
        Map<String, List<String>> perKey = new TreeMap<>();
        WorkersStressTest.add(perKey, "down", down);
        WorkersStressTest.add(perKey, "late", late);
        WorkersStressTest.add(perKey, "count", counts);
        return new Outcome(perKey, spread.stream().map(String::valueOf).sorted().toList());
    }
}
