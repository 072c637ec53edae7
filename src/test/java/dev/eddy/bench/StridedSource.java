package dev.eddy.bench;

import dev.eddy.io.FixedPartitionedSource;
import dev.eddy.io.StatefulSourcePartition;
import java.util.ArrayList;
import java.util.List;

/**
 * The pre-generated items as {@code parts} partitions, item {@code i} in partition {@code i mod parts}, so that
 * several workers each read a share, as Flink's parallel sequence source splits the hand-written jobs' input. The
 * partitions advance through event time together, so an event clock's wait covers their drift.
 */
record StridedSource<T>(List<T> items, int parts, int batchSize) implements FixedPartitionedSource<T, Integer> {

    @Override
    public List<String> listParts() {
        List<String> names = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            names.add("stride-" + p);
        }
        return names;
    }

    @Override
    public StatefulSourcePartition<T, Integer> buildPart(String stepId, String forPart, Integer resumeState) {
        int part = Integer.parseInt(forPart.substring("stride-".length()));
        return new StatefulSourcePartition<>() {
            private int next = resumeState != null ? resumeState : part;

            @Override
            public List<T> nextBatch() {
                if (next >= items.size()) {
                    throw new dev.eddy.io.EndOfInput();
                }
                List<T> batch = new ArrayList<>(batchSize);
                for (; next < items.size() && batch.size() < batchSize; next += parts) {
                    batch.add(items.get(next));
                }
                return batch;
            }

            @Override
            public Integer snapshot() {
                return next;
            }
        };
    }
}
