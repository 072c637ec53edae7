package dev.eddy.flink;

import dev.eddy.runtime.FlowRun;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.client.JobCancellationException;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A flow's job on Flink (a MiniCluster in this JVM or a remote cluster), started without waiting: its job id, its live status and its
 * parallelism, a way to cancel it and one to wait for its end. {@link FlinkRunner#start()} starts one;
 * {@code Capture.on(FlinkRunner.local(flow))} prepares one for each run, which a notebook's stop button cancels.
 *
 * <pre>{@code
 * var out = new ArrayList<Integer>();
 * var flow = new Dataflow("flink_job_eg");
 * flow.input("inp", TestingSource.of(1, 2, 3)).map("double", x -> x * 2).output("out", new TestingSink<>(out));
 * FlinkJob job = FlinkRunner.local(flow).start();
 * job.await();
 * System.out.println(job.status() + " " + job.parallelism() + " " + out);
 * // FINISHED 1 [2, 4, 6]
 * }</pre>
 */
public final class FlinkJob implements FlowRun {

    /** How long an interrupted {@link #run()} waits for the cancelled job before it returns. */
    static final long CANCEL_WAIT_MILLIS = 700;

    private final String flowId;
    private final int parallelism;
    private final StreamExecutionEnvironment env;
    private final ClientOutputs outputs;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile JobClient client;
    private volatile String endStatus;
    private volatile Throwable failure;
    private volatile boolean finished;

    /** A job of a flow already translated onto {@code env}; it starts with {@link #start()}. */
    FlinkJob(String flowId, int parallelism, StreamExecutionEnvironment env, ClientOutputs outputs) {
        this.flowId = flowId;
        this.parallelism = parallelism;
        this.env = env;
        this.outputs = outputs;
    }

    /**
     * Submits the job and returns once Flink has accepted it, without waiting for its end.
     *
     * @throws IllegalStateException when this job was started before
     */
    public FlinkJob start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("Flink job of flow '" + flowId + "' must start once; it already started"
                    + " as job " + jobId() + "; prepare a new one to run the flow again");
        }
        ClientOutputs.Started submitted;
        try {
            submitted = outputs.start(env, flowId);
        } catch (Exception e) {
            end("FAILED", e);
            throw FlinkRunner.unwrap(e);
        }
        client = submitted.job();
        submitted.ended().whenComplete((result, thrown) -> {
            if (thrown == null) end("FINISHED", null);
            else if (isCancellation(thrown)) end("CANCELED", null);
            else end("FAILED", thrown);
        });
        if (stopRequested.get()) client.cancel();
        return this;
    }

    /** Starts the job (when not started yet) and waits for its end, as {@link FlowRun#run()} says. */
    @Override
    public void run() {
        if (!started.get()) start();
        await();
    }

    /**
     * Waits for the job to end. An interrupt of the waiting thread cancels the job; this then returns once the
     * job has ended or after a short wait, with the thread's interrupt flag set, and {@link #status()} goes on to
     * tell how the cancellation ends.
     *
     * @throws dev.eddy.dataflow.StepException when a step failed, naming the step
     * @throws IllegalStateException when the job failed otherwise, or was never started
     */
    public void await() {
        if (!started.get()) {
            throw new IllegalStateException("Flink job of flow '" + flowId + "' must be started before await; got"
                    + " one not started instead; call start() or run()");
        }
        try {
            ended.get();
        } catch (InterruptedException e) {
            stop();
            try {
                ended.get(CANCEL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException | TimeoutException | ExecutionException ignored) {
                // cancelling goes on; status() says when it is done
            }
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            finished = true;
        }
        Throwable f = failure;
        if (f != null) throw FlinkRunner.unwrap(f);
    }

    /** Cancels the job (before it starts, it will not run); what its sinks were given stays. */
    @Override
    public void stop() {
        stopRequested.set(true);
        JobClient c = client;
        if (c != null && !ended.isDone()) c.cancel();
    }

    /** Cancels the job and waits until it has ended; its status is then {@code CANCELED}, or how it ended first. */
    public void cancel() {
        stop();
        if (!started.get()) {
            end("CANCELED", null);
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                ended.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    @Override
    public boolean isStopRequested() {
        return stopRequested.get();
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    /** Whether the job has ended: finished, cancelled or failed. */
    public boolean hasEnded() {
        return ended.isDone();
    }

    /** Flink's id of the job, or {@code null} before {@link #start()}. */
    public String jobId() {
        JobClient c = client;
        return c == null ? null : c.getJobID().toString();
    }

    /**
     * The job's status as Flink reports it now ({@code INITIALIZING}, {@code RUNNING}, {@code CANCELLING}, ...);
     * {@code FINISHED}, {@code CANCELED} or {@code FAILED} once it has ended; {@code CREATED} before it starts.
     */
    public String status() {
        String end = endStatus;
        if (end != null) return end;
        JobClient c = client;
        if (c == null) return "CREATED";
        try {
            return c.getJobStatus().get(2, TimeUnit.SECONDS).name();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "UNKNOWN";
        } catch (ExecutionException | TimeoutException e) {
            String later = endStatus;
            return later != null ? later : "UNKNOWN";
        }
    }

    /** How many parallel subtasks each step runs as. */
    public int parallelism() {
        return parallelism;
    }

    /** The job's failure once it failed, else {@code null}. */
    public Throwable failure() {
        return failure;
    }

    /** {@code "on Flink job <id> (<status>, parallelism <n>)"}, for a notebook's results header. */
    @Override
    public String where() {
        String id = jobId();
        return "on Flink " + (id == null ? "" : "job " + id + " ") + "(" + status() + ", parallelism " + parallelism
                + ")";
    }

    @Override
    public String toString() {
        return "FlinkJob(" + flowId + ", " + (jobId() == null ? "" : jobId() + ", ") + status() + ", parallelism "
                + parallelism + ")";
    }

    private void end(String status, Throwable thrown) {
        failure = thrown;
        endStatus = status;
        ended.complete(null);
    }

    private static boolean isCancellation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof JobCancellationException) return true;
            if (c.getCause() == c) break;
        }
        return false;
    }
}
