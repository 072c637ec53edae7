package dev.eddy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.io.AbortExecution;
import dev.eddy.io.EndOfInput;
import dev.eddy.io.StatefulSourcePartition;
import dev.eddy.io.WallClock;
import dev.eddy.runtime.Runner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestingSourceTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private static <T> List<T> run(TestingSource<T> source) {
        List<T> out = new ArrayList<>();
        Dataflow flow = new Dataflow("testing");
        flow.input("inp", source).output("out", new TestingSink<>(out));
        Runner.runMain(flow);
        return out;
    }

    private static List<Integer> batchSizes(TestingSource<?> source) {
        List<Integer> sizes = new ArrayList<>();
        Dataflow flow = new Dataflow("batches");
        flow.input("inp", source).flatMapBatch("sizes", b -> List.of(b.size())).output("out", new TestingSink<>(sizes));
        Runner.runMain(flow);
        return sizes;
    }

    private static <T> StatefulSourcePartition<T, Integer> part(TestingSource<T> source, Integer resume) {
        return source.buildPart("eg.inp", "iterable", resume);
    }

    @Test
    void emitsOneItemPerBatchByDefault() {
        assertThat(batchSizes(TestingSource.of(1, 2, 3))).containsExactly(1, 1, 1);
        assertThat(run(TestingSource.of(1, 2, 3))).containsExactly(1, 2, 3);
    }

    @Test
    void batchSizeGroupsItemsWithASmallerLastBatch() {
        assertThat(batchSizes(TestingSource.of(List.of(1, 2, 3, 4, 5), 2))).containsExactly(2, 2, 1);
    }

    @Test
    void aBatchSizeBelowOneIsRejected() {
        assertThatThrownBy(() -> TestingSource.of(List.of(1), 0))
                .hasMessage("TestingSource batchSize must be at least 1; got 0 instead");
    }

    @Test
    void hasOnePartitionNamedIterableWhoseSnapshotIsTheNextIndex() {
        var part = part(TestingSource.of(List.of("a", "b", "c"), 2), null);

        assertThat(part.nextBatch()).containsExactly("a", "b");
        assertThat(part.snapshot()).isEqualTo(2);
        assertThat(TestingSource.of(1).listParts()).containsExactly("iterable");
    }

    @Test
    void aResumedPartitionStartsAtItsSnapshot() {
        var source = TestingSource.of(List.of(0, 1, 2), 1);
        var first = part(source, null);
        first.nextBatch();
        first.nextBatch();

        var resumed = part(source, first.snapshot());

        assertThat(resumed.nextBatch()).containsExactly(2);
        assertThatThrownBy(resumed::nextBatch).isInstanceOf(EndOfInput.class);
    }

    @Test
    void eofEndsTheRunAndAResumeContinuesAfterIt() {
        // Bytewax's test_continuation: [0, 1, 2, EOF, 3, 4] gives [0, 1, 2], then [3, 4], then [].
        var source = TestingSource.withMarkers(Integer.class, 1, List.of(0, 1, 2, TestingSource.EOF, 3, 4));
        assertThat(run(source)).containsExactly(0, 1, 2);

        var first = part(source, null);
        assertThat(Partitions.drain(first)).containsExactly(0, 1, 2);
        var second = part(source, first.snapshot());
        assertThat(Partitions.drain(second)).containsExactly(3, 4);
        var third = part(source, second.snapshot());
        assertThat(Partitions.drain(third)).isEmpty();
    }

    @Test
    void eofEndsTheBatchItIsIn() {
        var source = TestingSource.withMarkers(Integer.class, 5, List.of(1, 2, TestingSource.EOF, 3));

        assertThat(batchSizes(source)).containsExactly(2);
    }

    @Test
    void abortStopsTheRunWithoutAnErrorAndFiresOnlyOnce() {
        var source = TestingSource.withMarkers(Integer.class, 1, List.of(1, TestingSource.ABORT, 2));

        assertThat(run(source)).containsExactly(1);
        assertThat(run(source)).containsExactly(1, 2);
    }

    @Test
    void aResumeAfterAnAbortSkipsItAndCountsItInLaterSnapshots() {
        var source = TestingSource.withMarkers(String.class, 1, List.of("a", TestingSource.ABORT, "b", "c"));
        var first = part(source, null);
        assertThat(first.nextBatch()).containsExactly("a");
        assertThat(first.nextBatch()).isEmpty();
        assertThatThrownBy(first::nextBatch).isInstanceOf(AbortExecution.class);
        assertThat(first.snapshot()).isEqualTo(1);

        var second = part(source, first.snapshot());
        assertThat(second.nextBatch()).containsExactly("b");
        assertThat(second.snapshot()).isEqualTo(3);

        var third = part(source, second.snapshot());
        assertThat(Partitions.drain(third)).containsExactly("c");
    }

    @Test
    void pauseEndsTheBatchAndSetsTheNextAwakeTimeFromTheRunsClock() {
        var clock = TestingClock.at(T0);
        var source = TestingSource.withMarkers(Integer.class, 5,
                List.of(1, 2, TestingSource.pause(Duration.ofSeconds(5)), 3));
        var part = part(source, null);

        List<Integer> first = WallClock.using(clock, part::nextBatch);

        assertThat(first).containsExactly(1, 2);
        assertThat(part.nextAwake()).isEqualTo(T0.plusSeconds(5));
        assertThat(part.snapshot()).isEqualTo(3);
        assertThat(part.nextBatch()).containsExactly(3);
        assertThat(part.nextAwake()).isNull();
    }

    @Test
    void aPausedRunLetsTestingClockTimePassWithoutSleeping() {
        var clock = TestingClock.at(T0);
        var source = TestingSource.withMarkers(String.class, 1,
                List.of("early", TestingSource.pause(Duration.ofMinutes(10)), "late"));
        List<String> seen = new ArrayList<>();
        Dataflow flow = new Dataflow("paused");
        flow.input("inp", source).map("stamp", x -> x + "@" + WallClock.current().now())
                .output("out", new TestingSink<>(seen));

        Runner.runMain(flow, clock);

        assertThat(seen).containsExactly("early@" + T0, "late@" + T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void aNegativePauseIsRejected() {
        assertThatThrownBy(() -> TestingSource.pause(Duration.ofSeconds(-1)))
                .hasMessage("TestingSource.pause duration must not be negative; got PT-1S instead");
    }

    @Test
    void withMarkersRejectsAnItemOfTheWrongType() {
        assertThatThrownBy(() -> TestingSource.withMarkers(Integer.class, 1, List.of(1, "two")))
                .hasMessage("TestingSource item 1 must be a java.lang.Integer or a marker; got java.lang.String (two)"
                        + " instead");
    }

    @Test
    void aResumeStateOutsideTheListIsRejected() {
        assertThatThrownBy(() -> part(TestingSource.of(1, 2), 3))
                .hasMessage("TestingSource resume state must be an index from 0 to 2; got 3 instead");
    }
    /** Counts the items it hands out, so a test sees how far a source read. */
    private static final class CountingRange implements Iterable<Integer> {
        private final int size;
        private int pulled;

        CountingRange(int size) {
            this.size = size;
        }

        @Override
        public java.util.Iterator<Integer> iterator() {
            return new java.util.Iterator<>() {
                private int i;

                @Override
                public boolean hasNext() {
                    return i < size;
                }

                @Override
                public Integer next() {
                    pulled++;
                    return i++;
                }
            };
        }
    }

    @Test
    void anIterableIsReadLazilyOneBatchAtATime() {
        var range = new CountingRange(5_000_000);
        var source = TestingSource.of(range, 100);
        assertThat(range.pulled).isZero();

        var part = part(source, null);
        assertThat(part.nextBatch()).hasSize(100).startsWith(0, 1).endsWith(99);

        assertThat(range.pulled).isLessThanOrEqualTo(101);
        assertThat(part.snapshot()).isEqualTo(100);
    }

    @Test
    void anEndlessIterableRunsAndAResumeContinuesAtTheNextIndex() {
        Iterable<Integer> naturals = () -> java.util.stream.Stream.iterate(0, i -> i + 1).iterator();
        var source = TestingSource.of(naturals, 3);
        var first = part(source, null);
        first.nextBatch();
        first.nextBatch();

        var resumed = part(source, first.snapshot());

        assertThat(resumed.nextBatch()).containsExactly(6, 7, 8);
        assertThat(resumed.snapshot()).isEqualTo(9);
    }

    @Test
    void markersInALazyIterableWorkAsInAList() {
        List<Object> items = List.of(1, TestingSource.ABORT, 2, TestingSource.EOF, 3);
        Iterable<Object> lazy = items::iterator;
        var source = TestingSource.of(lazy, 1);

        assertThat(run(source)).containsExactly(1);
        assertThat(run(source)).containsExactly(1, 2);
        var first = part(source, null);
        assertThat(Partitions.drain(first)).containsExactly(1, 2);
        assertThat(Partitions.drain(part(source, first.snapshot()))).containsExactly(3);
    }

    @Test
    void aResumeStatePastTheEndOfALazyIterableIsRejected() {
        Iterable<Integer> two = List.of(1, 2)::iterator;
        assertThatThrownBy(() -> part(TestingSource.of(two, 1), 3).nextBatch())
                .hasMessage("TestingSource resume state must be an index from 0 to 2; got 3 instead");
    }
}
