package dev.eddy.flink;

import dev.eddy.dataflow.Primitive;
import dev.eddy.io.AbortExecution;
import dev.eddy.io.DynamicSource;
import dev.eddy.io.EndOfInput;
import dev.eddy.io.FixedPartitionedSource;
import dev.eddy.runtime.OpenSourcePartition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.source.legacy.RichParallelSourceFunction;

/**
 * An Eddy {@code input} step as a parallel Flink source: subtask {@code i} of {@code n} reads the partitions of a
 * {@link FixedPartitionedSource} whose index is {@code i} modulo {@code n}, or its own partition of a
 * {@link DynamicSource}, built with {@code (i, n)}. Each partition is polled no earlier than its next awake time,
 * as the local runtime does; when every partition has ended the source ends, and Flink's final watermark tells
 * every stateful step that input is over.
 */
final class SourceFunctionAdapter extends RichParallelSourceFunction<Object> {

    private static final Duration COOLDOWN = Duration.ofMillis(1);
    private static final long MAX_REST_MILLIS = 50;

    private final ShippedStep step;
    private transient List<OpenSourcePartition> parts;
    private volatile boolean running = true;

    SourceFunctionAdapter(ShippedStep step) {
        this.step = step;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open(OpenContext context) {
        int index = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int count = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        Object source = ((Primitive.Input) step.primitive()).source();
        parts = new ArrayList<>();
        try {
            if (source instanceof FixedPartitionedSource<?, ?> fixed) {
                List<String> names = fixed.listParts();
                for (int p = index; p < names.size(); p += count) {
                    parts.add(OpenSourcePartition.of(names.get(p),
                            ((FixedPartitionedSource<?, Object>) fixed).buildPart(step.stepId(), names.get(p), null)));
                }
            } else {
                parts.add(OpenSourcePartition.of("worker_" + index,
                        ((DynamicSource<?>) source).build(step.stepId(), index, count)));
            }
        } catch (Throwable e) {
            closeAll();
            throw Failures.inStep("input", step.stepId(), null, e);
        }
    }

    @Override
    public void run(SourceContext<Object> ctx) throws Exception {
        while (running) {
            Instant now = Instant.now();
            Instant earliest = null;
            boolean live = false;
            boolean progress = false;
            for (OpenSourcePartition part : parts) {
                if (part.ended()) {
                    continue;
                }
                live = true;
                if (part.awake() != null && part.awake().isAfter(now)) {
                    earliest = earliest == null || part.awake().isBefore(earliest) ? part.awake() : earliest;
                    continue;
                }
                List<?> batch;
                try {
                    batch = part.nextBatch();
                } catch (EndOfInput | AbortExecution end) {
                    part.end();
                    part.close();
                    progress = true;
                    continue;
                } catch (Throwable e) {
                    throw Failures.inStep("input", step.stepId() + "' partition '" + part.name(), null, e);
                }
                if (batch == null) {
                    throw new IllegalStateException("input step '" + step.stepId() + "': partition '" + part.name()
                            + "' must return a list from nextBatch; got null instead; throw EndOfInput to end it");
                }
                synchronized (ctx.getCheckpointLock()) {
                    for (Object item : batch) {
                        ctx.collect(item);
                    }
                }
                progress |= !batch.isEmpty();
                part.awakeAt(part.nextAwake());
                if (part.awake() == null && batch.isEmpty()) {
                    part.awakeAt(now.plus(COOLDOWN));
                }
            }
            if (!live) {
                return;
            }
            if (!progress) {
                long rest = earliest == null ? 1 : Math.min(MAX_REST_MILLIS,
                        Math.max(1, Duration.between(Instant.now(), earliest).toMillis()));
                Thread.sleep(rest);
            }
        }
    }

    @Override
    public void cancel() {
        running = false;
    }

    @Override
    public void close() {
        closeAll();
    }

    private void closeAll() {
        if (parts == null) {
            return;
        }
        for (OpenSourcePartition part : parts) {
            if (!part.ended()) {
                part.end();
                try {
                    part.close();
                } catch (Throwable ignored) {
                    // The run already ended or failed; that is what to report.
                }
            }
        }
    }
}
