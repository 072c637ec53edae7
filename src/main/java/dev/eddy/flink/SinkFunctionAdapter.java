package dev.eddy.flink;

import dev.eddy.dataflow.Primitive;
import dev.eddy.io.DynamicSink;
import dev.eddy.io.FixedPartitionedSink;
import dev.eddy.io.Sink;
import dev.eddy.io.StatefulSinkPartition;
import dev.eddy.io.StatelessSinkPartition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.sink.legacy.RichSinkFunction;

/**
 * An Eddy {@code output} step as a Flink sink. A {@link DynamicSink} gets one partition per subtask, built with
 * {@code (i, n)}; a {@link FixedPartitionedSink}'s partitions are owned by subtask {@code index % n}, and items
 * reach their owner through a custom partitioning by {@code partFor(key)} (see {@link FlinkRunner}). Partitions
 * of one sink object in one JVM are written one at a time, as sinks written for one worker expect.
 */
final class SinkFunctionAdapter extends RichSinkFunction<Object> {

    private final ShippedStep step;
    private transient Sink<?> sink;
    private transient StatelessSinkPartition<Object> dynamic;
    private transient Map<Integer, StatefulSinkPartition<Object, Object>> owned;

    SinkFunctionAdapter(ShippedStep step) {
        this.step = step;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open(OpenContext context) {
        int index = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int count = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        sink = ((Primitive.Output) step.primitive()).sink();
        try {
            synchronized (sink) {
                if (sink instanceof FixedPartitionedSink<?, ?, ?> fixed) {
                    owned = new HashMap<>();
                    List<String> names = fixed.listParts();
                    for (int p = index; p < names.size(); p += count) {
                        StatefulSinkPartition<Object, Object> part = ((FixedPartitionedSink<Object, Object, Object>) fixed)
                                .buildPart(step.stepId(), names.get(p), null);
                        owned.put(p, part);
                        part.writeBatch(List.of());
                    }
                } else {
                    dynamic = ((DynamicSink<Object>) sink).build(step.stepId(), index, count);
                }
            }
        } catch (Throwable e) {
            close();
            throw Failures.inStep("output", step.stepId(), null, e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void invoke(Object item, Context context) {
        try {
            synchronized (sink) {
                if (dynamic != null) {
                    dynamic.writeBatch(List.of(item));
                } else {
                    Map.Entry<Object, Object> entry = (Map.Entry<Object, Object>) item;
                    int p = ((FixedPartitionedSink<Object, Object, Object>) sink).partFor(entry.getKey());
                    owned.get(p).writeBatch(List.of(entry.getValue()));
                }
            }
        } catch (Throwable e) {
            throw Failures.inStep("output", step.stepId(), item, e);
        }
    }

    @Override
    public void close() {
        if (sink == null) {
            return;
        }
        synchronized (sink) {
            if (dynamic != null) {
                dynamic.close();
                dynamic = null;
            }
            if (owned != null) {
                owned.values().forEach(StatefulSinkPartition::close);
                owned = null;
            }
        }
    }
}
