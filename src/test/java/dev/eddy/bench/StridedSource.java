package dev.eddy.bench;

import dev.eddy.io.EndOfInput;
import dev.eddy.io.FixedPartitionedSource;
import dev.eddy.io.StatefulSourcePartition;
import java.util.ArrayList;
import java.util.List;

/**
 * The pre-generated items as {@code parts} partitions, item {@code i} in partition {@code i mod parts}, so that
 * several workers each read a share, as Flink's parallel sequence source splits the hand-written jobs' input.
 * Workers running free let one partition get ahead of the other, and an event clock's per-key watermark then makes
 * the slower partition's items late (BENCHMARKS.md, "A partition per worker does not help as is").
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
                    throw new EndOfInput();
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
