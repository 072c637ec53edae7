package dev.eddy.flink;

import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.Step;
import dev.eddy.io.ClientSink;
import dev.eddy.io.DynamicSink;
import dev.eddy.io.Sink;
import dev.eddy.io.StatelessSinkPartition;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The {@code output} steps whose sink lives in the JVM that submitted the run ({@link ClientSink}: a test's list,
 * a notebook's table). Their items are tagged with their step, sent back through one Flink collect stream (which
 * works the same on a MiniCluster and on a remote cluster, through the JobManager), and written into the sink
 * here, in this JVM, in the order each subtask produced them.
 */
final class ClientOutputs {

    private static final TypeInformation<Object> ANY = TypeInformation.of(Object.class);

    private final List<Step> steps = new ArrayList<>();
    private final List<DataStream<Object>> streams = new ArrayList<>();

    /** Whether {@code sink}'s items are written in the submitting JVM rather than on the cluster. */
    static boolean isClientSide(Sink<?> sink) {
        return sink instanceof ClientSink && sink instanceof DynamicSink<?>;
    }

    /** Sends {@code up}, the items of output step {@code step}, back to this JVM. */
    void add(Step step, DataStream<Object> up) {
        streams.add(up.map(new Tag(steps.size()), ANY).name(step.id() + ".to_client").uid(step.id() + ".to_client"));
        steps.add(step);
    }

    /**
     * Runs the job on {@code env}, writing the collected items into their sinks as they arrive, and waits for its
     * end; a failure is thrown as {@link FlinkRunner#unwrap} gives it.
     */
    @SuppressWarnings("unchecked")
    void execute(StreamExecutionEnvironment env, String jobName) throws Exception {
        if (streams.isEmpty()) {
            env.execute(jobName);
            return;
        }
        DataStream<Object> all = streams.get(0);
        if (streams.size() > 1) {
            all = all.union(streams.subList(1, streams.size()).toArray(new DataStream[0]));
        }
        CloseableIterator<Object> items = all.collectAsync();
        JobClient job = env.executeAsync(jobName);
        List<StatelessSinkPartition<Object>> parts = new ArrayList<>();
        RuntimeException written = null;
        Exception collecting = null;
        try {
            for (Step step : steps) {
                DynamicSink<Object> sink = (DynamicSink<Object>) ((Primitive.Output) step.primitive()).sink();
                try {
                    parts.add(sink.build(step.id(), 0, 1));
                } catch (Throwable e) {
                    throw Failures.inStep("output", step.id(), null, e);
                }
            }
            while (hasNext(items)) {
                Tagged tagged = (Tagged) items.next();
                try {
                    parts.get(tagged.step()).writeBatch(List.of(tagged.item()));
                } catch (Throwable e) {
                    throw Failures.inStep("output", steps.get(tagged.step()).id(), tagged.item(), e);
                }
            }
        } catch (Collecting e) {
            collecting = e;
        } catch (RuntimeException e) {
            // A client-side sink failed: the job has nowhere to write, so it stops too.
            written = e;
            job.cancel();
        } finally {
            items.close();
            for (StatelessSinkPartition<Object> part : parts) {
                part.close();
            }
        }
        if (written != null) {
            throw written;
        }
        try {
            job.getJobExecutionResult().get();
        } catch (Exception e) {
            RuntimeException failed = FlinkRunner.unwrap(e);
            // A local job's MiniCluster may be gone by the time its result is asked for; the collect stream
            // already carried the failure.
            if (!(failed instanceof dev.eddy.dataflow.StepException) && collecting != null) {
                RuntimeException collected = FlinkRunner.unwrap(collecting.getCause());
                throw collected instanceof dev.eddy.dataflow.StepException ? collected : failed;
            }
            throw failed;
        }
        if (collecting != null) {
            throw FlinkRunner.unwrap(collecting.getCause());
        }
    }

    /** A failure to read the collected items: the job's own failure, which its result tells better. */
    private static final class Collecting extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Collecting(Throwable cause) {
            super(cause);
        }
    }

    private static boolean hasNext(CloseableIterator<Object> items) {
        try {
            return items.hasNext();
        } catch (RuntimeException e) {
            throw new Collecting(e);
        }
    }

    /** An item on its way back to output step number {@code step}. */
    record Tagged(int step, Object item) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private record Tag(int step) implements MapFunction<Object, Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public Object map(Object item) {
            return new Tagged(step, item);
        }
    }
}
