package dev.eddy.flink;

import dev.eddy.dataflow.Inspector;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.RunScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** The stateless primitives as Flink functions. */
final class MapFunctions {

    private MapFunctions() {
    }

    /** {@code flat_map_batch}: the mapper gets each item as a batch of one. */
    static final class FlatMapBatch extends RichFlatMapFunction<Object, Object> {
        private final ShippedStep step;
        private transient Function<List<Object>, ? extends Iterable<?>> mapper;

        FlatMapBatch(ShippedStep step) {
            this.step = step;
        }

        @Override
        public void open(OpenContext context) {
            mapper = ((Primitive.FlatMapBatch) step.primitive()).mapper();
            if (mapper instanceof RunScoped scoped) {
                scoped.startRun();
            }
        }

        @Override
        public void flatMap(Object item, Collector<Object> out) {
            List<Object> batch = new ArrayList<>(1);
            batch.add(item);
            Iterable<?> mapped;
            try {
                mapped = mapper.apply(batch);
            } catch (Throwable e) {
                throw Failures.inStep("flat_map_batch", step.stepId(), item, e);
            }
            for (Object each : mapped) {
                out.collect(each);
            }
        }
    }

    /** {@code branch}: trues on the main output, falses on a side output. */
    static final class Branch extends ProcessFunction<Object, Object> {
        private final ShippedStep step;
        private final OutputTag<Object> falses;
        private transient Predicate<Object> predicate;

        Branch(ShippedStep step, OutputTag<Object> falses) {
            this.step = step;
            this.falses = falses;
        }

        @Override
        public void open(OpenContext context) {
            predicate = ((Primitive.Branch) step.primitive()).predicate();
        }

        @Override
        public void processElement(Object item, Context ctx, Collector<Object> out) {
            boolean test;
            try {
                test = predicate.test(item);
            } catch (Throwable e) {
                throw Failures.inStep("branch", step.stepId(), item, e);
            }
            if (test) {
                out.collect(item);
            } else {
                ctx.output(falses, item);
            }
        }
    }

    /** {@code inspect_debug}: Flink has no epochs, so every item is in epoch 1; the worker is the subtask. */
    static final class Inspect extends RichMapFunction<Object, Object> {
        private final ShippedStep step;
        private transient Inspector<Object> inspector;
        private transient int worker;

        Inspect(ShippedStep step) {
            this.step = step;
        }

        @Override
        public void open(OpenContext context) {
            inspector = ((Primitive.InspectDebug) step.primitive()).inspector();
            worker = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        }

        @Override
        public Object map(Object item) {
            inspector.inspect(step.stepId(), item, 1, worker);
            return item;
        }
    }
}
