package dev.eddy.bench;

import dev.eddy.bench.nexmark.Bid;
import dev.eddy.io.EndOfInput;
import dev.eddy.io.FixedPartitionedSource;
import dev.eddy.io.StatefulSourcePartition;
import dev.eddy.runtime.KeyOwners;
import java.util.ArrayList;
import java.util.List;

/**
 * The pre-generated items as {@code parts} partitions, each in input order. Split by stride (item {@code i} in
 * partition {@code i mod parts}, as Flink's parallel sequence source splits the hand-written jobs' input), a key's
 * items come from every partition: workers running free let one partition get ahead, and an event clock's per-key
 * watermark then makes the slower partition's items late (BENCHMARKS.md, "A partition per worker does not help as
 * is"). Split by a bid's key, as a Kafka topic whose producer keys its records, every bid of one bidder (or one
 * auction) is in one partition, so its watermark never sees a slower partition's items; events that are not bids
 * go by stride. The split is made once per input list, in the first (warm-up) run.
 */
record SplitSource<T>(List<T> items, int parts, int batchSize, By by) implements FixedPartitionedSource<T, Integer> {

    /**
     * What picks an item's partition: its index ({@code STRIDE}); a bid's bidder or auction modulo the partitions
     * (Nexmark's hot bidders have even ids, so {@code BIDDER} over two partitions is unbalanced); a hash of a bid's
     * bidder ({@code HASH}), as a producer's partitioner spreads a keyed topic, balanced and unrelated to which
     * worker owns the key; or ({@code OWNER}) the worker that owns a bid's bidder, so that with as many partitions
     * as workers (partition {@code p} is read by worker {@code p}) no bid of Q11 crosses to another worker.
     */
    enum By {
        STRIDE, BIDDER, AUCTION, HASH, OWNER
    }

    /** The last split made: the bench runs one input list many times. */
    private static Split last;

    private record Split(List<?> items, int parts, By by, int[][] indexes) {
    }

    @Override
    public List<String> listParts() {
        List<String> names = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            names.add("part-" + p);
        }
        return names;
    }

    @Override
    public StatefulSourcePartition<T, Integer> buildPart(String stepId, String forPart, Integer resumeState) {
        int[] mine = split()[Integer.parseInt(forPart.substring("part-".length()))];
        return new StatefulSourcePartition<>() {
            private int next = resumeState != null ? resumeState : 0;

            @Override
            public List<T> nextBatch() {
                if (next >= mine.length) {
                    throw new EndOfInput();
                }
                int end = Math.min(mine.length, next + batchSize);
                List<T> batch = new ArrayList<>(end - next);
                for (; next < end; next++) {
                    batch.add(items.get(mine[next]));
                }
                return batch;
            }

            @Override
            public Integer snapshot() {
                return next;
            }
        };
    }

    /** The partition of item {@code i}; an event that is not a bid goes by stride. */
    private int partOf(int i, Object item) {
        if (!(item instanceof Bid bid)) {
            return i % parts;
        }
        return switch (by) {
            case STRIDE -> i % parts;
            case BIDDER -> (int) Math.floorMod(bid.bidder(), (long) parts);
            case AUCTION -> (int) Math.floorMod(bid.auction(), (long) parts);
            // A multiplicative hash (Fibonacci hashing), not the runtime's MurmurHash3: the partition says nothing
            // of the owner.
            case HASH -> (int) (((bid.bidder() * 0x9E3779B97F4A7C15L) >>> 32) * parts >>> 32);
            case OWNER -> KeyOwners.owner(bid.bidder(), parts);
        };
    }

    /** Each partition's item indexes, in input order. */
    private int[][] split() {
        synchronized (SplitSource.class) {
            Split s = last;
            if (s != null && s.items() == items && s.parts() == parts && s.by() == by) {
                return s.indexes();
            }
            int[] counts = new int[parts];
            int[] partOf = new int[items.size()];
            for (int i = 0; i < partOf.length; i++) {
                partOf[i] = partOf(i, items.get(i));
                counts[partOf[i]]++;
            }
            int[][] indexes = new int[parts][];
            for (int p = 0; p < parts; p++) {
                indexes[p] = new int[counts[p]];
                counts[p] = 0;
            }
            for (int i = 0; i < partOf.length; i++) {
                indexes[partOf[i]][counts[partOf[i]]++] = i;
            }
            last = new Split(items, parts, by, indexes);
            return indexes;
        }
    }
}
