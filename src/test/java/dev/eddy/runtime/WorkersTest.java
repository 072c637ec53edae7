package dev.eddy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.Mapped;
import dev.eddy.dataflow.StepException;
import dev.eddy.io.DynamicSource;
import dev.eddy.io.EndOfInput;
import dev.eddy.io.FixedPartitionedSink;
import dev.eddy.io.FixedPartitionedSource;
import dev.eddy.io.StatefulSinkPartition;
import dev.eddy.io.StatefulSourcePartition;
import dev.eddy.io.StatelessSourcePartition;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Several workers: what runs where, and that keyed results are one worker's. */
class WorkersTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private final Dataflow flow = new Dataflow("w");

    /** The index of the worker whose thread is running, from its name ("eddy-w-W2"). */
    private static int workerOfThread() {
        String name = Thread.currentThread().getName();
        return Integer.parseInt(name.substring(name.lastIndexOf("-W") + 2));
    }

    /** A partition that hands out {@code items} in one batch, then ends. */
    private static <T> StatelessSourcePartition<T> oneBatch(List<T> items) {
        return new StatelessSourcePartition<>() {
            boolean sent;

            @Override
            public List<T> nextBatch() {
                if (sent) {
                    throw new EndOfInput();
                }
                sent = true;
                return items;
            }
        };
    }

    /** A source of named partitions, each handing out its list in one batch, that says who built each. */
    private static final class NamedParts implements FixedPartitionedSource<String, Integer> {
        final Map<String, List<String>> parts;
        final Map<String, Integer> builtOn = new ConcurrentHashMap<>();

        NamedParts(Map<String, List<String>> parts) {
            this.parts = parts;
        }

        @Override
        public List<String> listParts() {
            return new ArrayList<>(parts.keySet());
        }

        @Override
        public StatefulSourcePartition<String, Integer> buildPart(String stepId, String forPart, Integer resume) {
            builtOn.put(forPart, workerOfThread());
            return new StatefulSourcePartition<>() {
                boolean sent;

                @Override
                public List<String> nextBatch() {
                    if (sent) {
                        throw new EndOfInput();
                    }
                    sent = true;
                    return parts.get(forPart);
                }

                @Override
                public Integer snapshot() {
                    return sent ? 1 : 0;
                }
            };
        }
    }

    @Test
    void oneWorkerIsTheDefault() {
        assertThat(RunOptions.defaults().workers()).isEqualTo(1);
    }

    @Test
    void aWorkerCountBelowOneIsRefused() {
        assertThatThrownBy(() -> RunOptions.defaults().withWorkers(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RunOptions workers must be at least 1; got 0 instead");
    }

    @Test
    void aDynamicSourceIsBuiltOncePerWorkerWithItsIndexAndCountAndInspectShowsEachWorker() {
        List<String> built = Collections.synchronizedList(new ArrayList<>());
        DynamicSource<Integer> perWorker = (stepId, worker, workers) -> {
            built.add(worker + "/" + workers);
            return oneBatch(List.of(worker));
        };
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        flow.input("inp", perWorker)
                .inspectDebug("look", (id, item, epoch, worker) -> seen.add("W" + worker + ": " + item))
                .output("out", new TestingSink<>(new ArrayList<>()));

        Runner.runMain(flow, RunOptions.defaults().withClock(TestingClock.at(T0)).withWorkers(4));

        assertThat(built).containsExactlyInAnyOrder("0/4", "1/4", "2/4", "3/4");
        assertThat(seen).containsExactlyInAnyOrder("W0: 0", "W1: 1", "W2: 2", "W3: 3");
    }

    @Test
    void sourcePartitionsAreDealtOverTheWorkersInSortedNameOrder() {
        Map<String, List<String>> parts = new java.util.LinkedHashMap<>();
        for (String name : List.of("c", "a", "e", "b", "d")) {
            parts.put(name, List.of(name + "1", name + "2"));
        }
        NamedParts source = new NamedParts(parts);
        List<String> out = new ArrayList<>();
        flow.input("inp", source).output("out", new TestingSink<>(out));

        Runner.runMain(flow, RunOptions.defaults().withClock(TestingClock.at(T0)).withWorkers(3));

        assertThat(new TreeMap<>(source.builtOn)).isEqualTo(Map.of("a", 0, "b", 1, "c", 2, "d", 0, "e", 1));
        assertThat(out).containsExactlyInAnyOrder("a1", "a2", "b1", "b2", "c1", "c2", "d1", "d2", "e1", "e2");
    }

    @Test
    void eachKeyLivesOnOneWorkerAndGetsTheSameResultsAsOnOne() {
        List<String> words = IntStream.range(0, 2_000).mapToObj(i -> "k" + (i * 7919 % 97)).toList();
        Map<String, Set<Integer>> workersOfKey = new ConcurrentHashMap<>();
        Map<Integer, Map<String, List<Integer>>> results = new TreeMap<>();
        for (int workers : new int[] {1, 2, 4}) {
            Dataflow counting = new Dataflow("count");
            List<KV<String, Integer>> out = new ArrayList<>();
            counting.input("inp", TestingSource.of(words, 13)).keyOn("self", x -> x)
                    .statefulMap("running", (Integer n, String x) -> {
                        if (workers == 4) {
                            workersOfKey.computeIfAbsent(x, k -> ConcurrentHashMap.newKeySet()).add(workerOfThread());
                        }
                        int count = n == null ? 1 : n + 1;
                        return Mapped.of(count, count);
                    })
                    .output("out", new TestingSink<>(out));
            Runner.runMain(counting, RunOptions.defaults().withClock(TestingClock.at(T0)).withWorkers(workers));
            results.put(workers, out.stream().collect(Collectors.groupingBy(KV::key, TreeMap::new,
                    Collectors.mapping(KV::value, Collectors.toList()))));
        }
        assertThat(results.get(1)).hasSize(97);
        assertThat(results.get(2)).isEqualTo(results.get(1));
        assertThat(results.get(4)).isEqualTo(results.get(1));
        assertThat(workersOfKey.values()).allSatisfy(ws -> assertThat(ws).hasSize(1));
        assertThat(workersOfKey.values().stream().flatMap(Set::stream).collect(Collectors.toSet()))
                .as("keys are spread over every worker").containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void redistributeSpreadsWhatOneWorkerReadsOverEveryWorker() {
        Set<Integer> workersSeen = ConcurrentHashMap.newKeySet();
        List<Integer> out = new ArrayList<>();
        flow.input("inp", TestingSource.of(IntStream.range(0, 30).boxed().toList(), 5))
                .redistribute("spread")
                .inspectDebug("look", (id, item, epoch, worker) -> workersSeen.add(worker))
                .output("out", new TestingSink<>(out));

        Runner.runMain(flow, RunOptions.defaults().withClock(TestingClock.at(T0)).withWorkers(3));

        assertThat(workersSeen).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(out).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 30).boxed().toList());
    }

    /** A sink of three partitions, by the key's length, that says which worker wrote each. */
    private static final class ByLength implements FixedPartitionedSink<String, String, Integer> {
        final Map<String, Set<Integer>> writers = new ConcurrentHashMap<>();
        final Map<String, List<String>> written = new ConcurrentHashMap<>();

        @Override
        public List<String> listParts() {
            return List.of("len1", "len2", "len3");
        }

        @Override
        public int partFor(String key) {
            return key.length() - 1;
        }

        @Override
        public StatefulSinkPartition<String, Integer> buildPart(String stepId, String forPart, Integer resume) {
            return new StatefulSinkPartition<>() {
                @Override
                public void writeBatch(List<String> values) {
                    if (!values.isEmpty()) {
                        writers.computeIfAbsent(forPart, p -> ConcurrentHashMap.newKeySet()).add(workerOfThread());
                        written.computeIfAbsent(forPart, p -> Collections.synchronizedList(new ArrayList<>()))
                                .addAll(values);
                    }
                }

                @Override
                public Integer snapshot() {
                    return 0;
                }
            };
        }
    }

    @Test
    void aPartitionedSinksPartitionsAreEachWrittenByTheirPrimaryWorker() {
        ByLength sink = new ByLength();
        List<String> keys = List.of("a", "bb", "ccc", "d", "ee", "fff", "g");
        // Three workers each read their own copy, so every worker has items for every partition.
        DynamicSource<String> everywhere = (stepId, worker, workers) -> oneBatch(keys);
        flow.input("inp", everywhere).map("kv", k -> KV.of(k, k)).output("out", sink);

        Runner.runMain(flow, RunOptions.defaults().withClock(TestingClock.at(T0)).withWorkers(3));

        assertThat(sink.writers).isEqualTo(Map.of("len1", Set.of(0), "len2", Set.of(1), "len3", Set.of(2)));
        assertThat(sink.written.get("len1")).containsExactlyInAnyOrder("a", "d", "g", "a", "d", "g", "a", "d", "g");
    }

    /** A key whose hashCode is its address: it can't be routed the same way twice. */
    private static final class Opaque {
        @Override
        public String toString() {
            return "opaque";
        }
    }

    @Test
    void aKeyWithNoStableEncodingIsRefusedNamingTheStepTheKeyAndTheItem() {
        flow.input("inp", TestingSource.of("x")).keyOn("opaque", x -> new Opaque())
                .statefulMap("count", (Integer n, String x) -> Mapped.of(1, x))
                .output("out", new TestingSink<>(new ArrayList<>()));

        assertThatThrownBy(() -> Runner.runMain(flow, RunOptions.defaults().withClock(TestingClock.at(T0))
                .withWorkers(2)))
                .isInstanceOf(StepException.class)
                .hasMessageStartingWith("stateful_batch step 'w.count.stateful_flat_map.stateful.stateful_batch' must"
                        + " have keys with a stable encoding to run on 2 workers; got key opaque ("
                        + Opaque.class.getName() + ") on item (opaque, x) instead")
                .hasMessageContaining("key by a String, a number, an enum, a record or a List of those")
                .hasMessageContaining("(on worker W0 of 2)");
    }

    @Test
    void theKeyHashIsFixedSoEveryRunRoutesAKeyToTheSameWorker() {
        // These values are part of how runs route keys: a change would move keys between workers.
        assertThat(KeyHash.hash("user-1")).isEqualTo(KeyHash.hash("user-1"));
        assertThat(List.of(KeyHash.owner("a", 4), KeyHash.owner("b", 4), KeyHash.owner(1L, 4),
                KeyHash.owner(List.of("a", 1), 4))).containsExactly(GOLDEN_OWNERS.toArray(Integer[]::new));
        record Pair(String a, long b) {
        }
        assertThat(KeyHash.hash(new Pair("a", 1))).isEqualTo(KeyHash.hash(new Pair("a", 1)));
        assertThat(KeyHash.hash(new Pair("a", 1))).isNotEqualTo(KeyHash.hash(new Pair("a", 2)));
        assertThat(KeyHash.hash(Duration.ofSeconds(3))).isEqualTo(KeyHash.hash(Duration.ofSeconds(3)));
    }

    @Test
    void aLongKeysHashIsTheSameInEveryRunOverTheWholeRange() {
        // Part of how runs route keys, as above: Long keys are hashed on a path of their own.
        long[] keys = {0L, 1L, -1L, 42L, 1L << 40, Long.MIN_VALUE, Long.MAX_VALUE};
        int[] hashes = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            hashes[i] = KeyHash.hash(keys[i]);
        }
        assertThat(hashes).containsExactly(1536738813, 975822147, 1540999389, 336046158, 1695037837, 961638339,
                1645789958);
    }

    @Test
    void aLongKeyRoutedUnboxedGoesWhereItsBoxGoes() {
        // StatefulNode routes Long keys through owner(long, int) so the key function's box can stay unallocated.
        java.util.SplittableRandom random = new java.util.SplittableRandom(15);
        for (int i = 0; i < 20_000; i++) {
            long key = i < 1_000 ? i - 500 : random.nextLong();
            int workers = 1 + (i % 8);
            assertThat(KeyHash.hash(key)).as("hash of %d", key).isEqualTo(KeyHash.hash((Object) key));
            assertThat(KeyHash.owner(key, workers)).as("owner of %d of %d", key, workers)
                    .isEqualTo(KeyHash.owner((Object) key, workers));
        }
    }

    private static final List<Integer> GOLDEN_OWNERS = List.of(0, 2, 0, 2);
}
