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
import java.util.concurrent.CompletableFuture;
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
     * Runs the job on {@code env} and waits for its end, writing the collected items into their sinks as they
     * arrive; a failure is thrown as {@link FlinkRunner#unwrap} gives it.
     */
    void execute(StreamExecutionEnvironment env, String jobName) throws Exception {
        try {
            start(env, jobName).ended().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw FlinkRunner.unwrap(e.getCause());
        }
    }

    /**
     * Submits the job on {@code env} without waiting. A thread of its own writes the collected items into their
     * sinks as they arrive (with the context class loader of the caller, which may be a notebook's); the returned
     * run's {@code ended} completes once the job has ended and every collected item is written, or exceptionally
     * with the job's failure, or a client-side sink's, which cancels the job.
     */
    @SuppressWarnings("unchecked")
    Started start(StreamExecutionEnvironment env, String jobName) throws Exception {
        if (streams.isEmpty()) {
            JobClient job = env.executeAsync(jobName);
            return new Started(job, job.getJobExecutionResult().thenApply(result -> null));
        }
        DataStream<Object> all = streams.get(0);
        if (streams.size() > 1) {
            all = all.union(streams.subList(1, streams.size()).toArray(new DataStream[0]));
        }
        CloseableIterator<Object> items = all.collectAsync();
        JobClient job = env.executeAsync(jobName);
        CompletableFuture<Void> ended = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            try {
                drain(items, job);
                ended.complete(null);
            } catch (Throwable e) {
                ended.completeExceptionally(e);
            }
        }, "eddy-flink-client-sinks-" + jobName);
        writer.setDaemon(true);
        writer.start();
        return new Started(job, ended);
    }

    /** A submitted job and when it has ended with every collected item written. */
    record Started(JobClient job, CompletableFuture<Void> ended) {
    }

    @SuppressWarnings("unchecked")
    private void drain(CloseableIterator<Object> items, JobClient job) throws Exception {
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
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            RuntimeException failed = FlinkRunner.unwrap(cause);
            // A local job's MiniCluster may be gone by the time its result is asked for; the collect stream
            // already carried the failure.
            if (!(failed instanceof dev.eddy.dataflow.StepException) && collecting != null) {
                RuntimeException collected = FlinkRunner.unwrap(collecting.getCause());
                if (collected instanceof dev.eddy.dataflow.StepException) throw collected;
            }
            throw cause instanceof Exception ex ? ex : e;
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
