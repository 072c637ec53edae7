package dev.eddy.bench;

import dev.eddy.bench.nexmark.Bid;
import dev.eddy.io.EndOfInput;
import dev.eddy.io.FixedPartitionedSource;
import dev.eddy.io.StatefulSourcePartition;
import dev.eddy.runtime.KeyOwners;
import java.util.ArrayList;
import java.util.List;

/**
 * The pre-generated items as {@code parts} partitions split by a bid's key, as a Kafka topic whose producer keys
 * its records: every bid of one bidder (or one auction) is in one partition, in input order, so a key's items
 * reach its owner in order from one partition and its watermark never sees a slower partition's items. Events
 * that are not bids go round-robin. The split is made once per input list, in the first (warm-up) run.
 */
record KeyedPartsSource<T>(List<T> items, int parts, int batchSize, By by) implements FixedPartitionedSource<T, Integer> {

    /**
     * What picks a bid's partition: its bidder or its auction modulo the partitions, or ({@code OWNER}) the
     * worker that owns its bidder, so that with as many partitions as workers (partition {@code p} is read by
     * worker {@code p}) no bid of Q11 crosses to another worker.
     */
    enum By {
        BIDDER, AUCTION, OWNER
    }

    /** The last split made: the bench runs one input list many times. */
    private static Split last;

    private record Split(List<?> items, int parts, By by, int[][] indexes) {
    }

    @Override
    public List<String> listParts() {
        List<String> names = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            names.add("keyed-" + p);
        }
        return names;
    }

    @Override
    public StatefulSourcePartition<T, Integer> buildPart(String stepId, String forPart, Integer resumeState) {
        int[] mine = split()[Integer.parseInt(forPart.substring("keyed-".length()))];
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

    /** Each partition's item indexes, in input order. */
    private int[][] split() {
        synchronized (KeyedPartsSource.class) {
            Split s = last;
            if (s != null && s.items() == items && s.parts() == parts && s.by() == by) {
                return s.indexes();
            }
            int[] counts = new int[parts];
            int[] partOf = new int[items.size()];
            for (int i = 0; i < partOf.length; i++) {
                partOf[i] = items.get(i) instanceof Bid bid
                        ? (by == By.OWNER ? KeyOwners.owner(bid.bidder(), parts)
                                : (int) Math.floorMod(by == By.BIDDER ? bid.bidder() : bid.auction(), (long) parts))
                        : i % parts;
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
