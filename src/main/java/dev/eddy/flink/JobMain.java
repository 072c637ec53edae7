package dev.eddy.flink;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.Step;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Main-Class of a job jar ({@link FlinkRunner#jobJar}): reads the flow the jar holds and runs it on the
 * environment it finds, the cluster's under {@code flink run} or the Flink Kubernetes operator. With the arguments
 * {@code host restPort} it submits itself to that cluster's REST endpoint instead.
 *
 * <pre>{@code
 * // flink run eddy-job.jar
 * // java -cp eddy-job.jar:<Flink's jars> dev.eddy.flink.JobMain 127.0.0.1 8081
 * System.out.println(JobMain.FLOW_RESOURCE);
 * // dev/eddy/flink/flow.ser
 * }</pre>
 */
public final class JobMain {

    /** The jar entry that holds the serialized flow. */
    public static final String FLOW_RESOURCE = "dev/eddy/flink/flow.ser";

    private JobMain() {
    }

    /** What a job jar runs: the flow's id, its primitive steps, the run's parallelism and its checkpoints. */
    record Job(String flowId, List<Step> steps, int parallelism, FlinkRunner.Checkpoints checkpoints)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Runs the jar's flow; {@code args} are empty, or a cluster's {@code host restPort}. */
    public static void main(String[] args) throws IOException {
        ClassLoader loader = JobMain.class.getClassLoader();
        Job job;
        try (InputStream in = loader.getResourceAsStream(FLOW_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("a job jar must hold " + FLOW_RESOURCE + "; got a jar without it"
                        + " instead; write job jars with FlinkRunner.jobJar");
            }
            job = (Job) Shipping.thaw(in.readAllBytes(), loader);
        }
        Configuration conf = new Configuration();
        job.checkpoints().configure(conf);
        StreamExecutionEnvironment env;
        if (args.length >= 2) {
            env = StreamExecutionEnvironment.createRemoteEnvironment(args[0], Integer.parseInt(args[1]), conf,
                    JobJars.location(JobMain.class).toString());
        } else {
            env = StreamExecutionEnvironment.getExecutionEnvironment();
            if (job.checkpoints().interval() != null) {
                env.configure(conf);   // else the cluster's own restart strategy stands
            }
        }
        env.setParallelism(job.parallelism());
        FlinkRunner.execute(env, job.flowId(), job.steps(), Shipment.of(job.steps()),
                job.checkpoints().statePackages());
    }

    /** Writes the job jar for {@code flow} at {@code parallelism} to {@code target}, with {@code extra} jars in it. */
    static void write(Dataflow flow, int parallelism, FlinkRunner.Checkpoints checkpoints, List<Path> extra,
                      Path target) {
        List<Step> steps = flow.primitiveSteps();
        Shipment.of(steps);
        Set<Class<?>> classes = new HashSet<>();
        classes.add(JobMain.class);
        byte[] bytes = Shipping.freeze(flow.flowId(), new Job(flow.flowId(), steps, parallelism, checkpoints), classes);
        JobJars.Contents found = JobJars.of(classes);
        List<Path> jars = new ArrayList<>(found.jars());
        jars.addAll(extra);
        JobJars.writeFatJar(target, new JobJars.Contents(jars, found.looseClasses()), Map.of(FLOW_RESOURCE, bytes),
                JobMain.class.getName());
    }
}
