package dev.eddy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.bench.nexmark.Bid;
import dev.eddy.bench.nexmark.Event;
import dev.eddy.bench.nexmark.NexmarkGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the benchmark suite from rotting: every benchmarked query, run on Eddy over a small input, gives exactly the
 * hand-written loop's results, and Eddy on Flink gives the local runtime's. The hand-written Flink and Bytewax comparators are checked the same way by
 * {@code scripts/bench.sh --smoke}.
 */
class BenchQueriesTest {

    /** Eddy on Flink at parallelism 1 and 2, each on a MiniCluster started once for the class. */
    private static EddyFlinkEngine onFlink1;
    private static EddyFlinkEngine onFlink2;

    @BeforeAll
    static void startFlink() throws Exception {
        onFlink1 = new EddyFlinkEngine(1000, 1);
        onFlink2 = new EddyFlinkEngine(1000, 2);
    }

    @AfterAll
    static void stopFlink() throws Exception {
        try (EddyFlinkEngine one = onFlink1; EddyFlinkEngine two = onFlink2) {
            // closed, even when a test failed
        }
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void eddyGivesTheHandLoopsResultsOnEveryWorkload(Workload workload) {
        List<?> items = workload.input(20_000);
        List<String> expected = Results.lines(new HandLoops().run(workload, items));

        List<String> actual = Results.lines(new EddyEngine(1000).run(workload, items));

        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void eddyOnFlinkGivesTheLocalRuntimesResultsOnEveryWorkloadAtParallelismOneAndTwo(Workload workload)
            throws Exception {
        List<?> items = workload.input(20_000);
        List<String> expected = Results.lines(new EddyEngine(1000).run(workload, items));

        assertThat(expected).isNotEmpty();
        assertThat(Results.lines(onFlink1.run(workload, items))).isEqualTo(expected);
        assertThat(Results.lines(onFlink2.run(workload, items))).isEqualTo(expected);
    }

    @Test
    void withRecoveryEddyGivesTheSameResultsAndDeletesEachRunsStoreAfterIt(@TempDir Path stores) throws IOException {
        List<?> items = Workload.Q11.input(20_000);
        List<String> expected = Results.lines(new HandLoops().run(Workload.Q11, items));

        List<String> actual = Results.lines(new EddyEngine(1000, stores).run(Workload.Q11, items));

        assertThat(actual).isEqualTo(expected);
        try (var left = Files.list(stores)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aPreparedStoreIsMadeBeforeTheRunAndTheRunUsesItAndDeletesIt(@TempDir Path stores) throws IOException {
        List<?> items = Workload.Q11.input(20_000);
        EddyEngine engine = new EddyEngine(1000, stores);

        engine.prepare();
        List<Path> made;
        try (var listed = Files.list(stores)) {
            made = listed.toList();
        }
        assertThat(made).hasSize(1);
        assertThat(made.get(0).resolve("part-0.sqlite3")).isRegularFile();
        List<?> results = engine.run(Workload.Q11, items);

        assertThat(Results.lines(results)).isEqualTo(Results.lines(new HandLoops().run(Workload.Q11, items)));
        try (var left = Files.list(stores)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aReplayedInputIsOneStreamInOrderOverTheSameKeysAndEddyStillGivesTheHandLoopsResults() {
        List<?> pass = Workload.Q11.input(20_000);
        List<?> thrice = Replay.of(pass, 3);

        assertThat(thrice).hasSize(60_000);
        assertThat(thrice.get(20_000)).isInstanceOf(pass.get(0).getClass());
        long[] times = thrice.stream().mapToLong(e -> ((Event) e).dateTime()).toArray();
        assertThat(times).isSorted();
        assertThat(times[20_000]).isGreaterThan(times[19_999]);
        assertThat(((Bid) thrice.get(40_123)).bidder()).isEqualTo(((Bid) pass.get(123)).bidder());
        List<String> expected = Results.lines(new HandLoops().run(Workload.Q11, thrice));
        // Each session line ends with its count of bids: three passes count every bid three times.
        assertThat(bidsCounted(expected)).isEqualTo(3 * bidsCounted(Results.lines(new HandLoops().run(Workload.Q11, pass))));
        assertThat(Results.lines(new EddyEngine(1000).run(Workload.Q11, thrice))).isEqualTo(expected);
    }

    private static long bidsCounted(List<String> sessions) {
        return sessions.stream().mapToLong(line -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void theGeneratorGivesTheSameEventsEveryTime() {
        assertThat(NexmarkGenerator.withDelays(7).events(5_000)).isEqualTo(NexmarkGenerator.withDelays(7).events(5_000));
    }

    @Test
    void aboutOneEventInTenIsDelayedByAtMostThreeSecondsInTheDelayedStream() {
        var inOrder = NexmarkGenerator.inOrder(Workload.SEED).events(50_000);
        var delayed = NexmarkGenerator.withDelays(Workload.SEED).events(50_000);
        long moved = 0;
        for (int i = 0; i < inOrder.size(); i++) {
            long by = inOrder.get(i).dateTime() - delayed.get(i).dateTime();
            assertThat(by).isBetween(0L, 3_000L);
            moved += by > 0 ? 1 : 0;
        }
        assertThat(moved).isBetween(4_000L, 6_000L);
    }

    @Test
    void bidsAreNinetyTwoPercentOfTheStream() {
        long bids = NexmarkGenerator.inOrder(1).events(10_000).stream().filter(e -> e instanceof Bid).count();
        assertThat(bids).isEqualTo(9_200);
    }
}
