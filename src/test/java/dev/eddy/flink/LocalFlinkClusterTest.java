package dev.eddy.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real session cluster in JVMs of its own: a JobManager and a TaskManager from the Maven jars, a plain
 * Flink job whose functions reach the TaskManager only in its job jar, a TaskManager killed with SIGKILL and
 * replaced.
 */
class LocalFlinkClusterTest {

    static LocalFlinkCluster cluster;
    static Path jobJar;

    @BeforeAll
    static void startCluster() throws IOException {
        Path dir = Path.of("target", "flink-cluster-tests", "LocalFlinkClusterTest");
        long began = System.nanoTime();
        cluster = LocalFlinkCluster.start(dir, Map.of("taskmanager.numberOfTaskSlots", "2"), 1);
        System.out.println("flink cluster (JobManager + 1 TaskManager) up in " + (System.nanoTime() - began) / 1_000_000
                + " ms, REST port " + cluster.restPort());
        jobJar = jobJar(dir.resolve("job.jar"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    @Test
    void a_job_submitted_over_rest_runs_on_the_task_manager_and_again_after_it_was_killed_and_replaced()
            throws Exception {
        assertThat(cluster.registeredTaskManagers()).containsExactly("taskmanager-0");
        assertThat(runJob()).isEqualTo(expectedSums());

        long killed = cluster.taskManagerPids().get(0);
        cluster.killTaskManager(0);
        assertThat(ProcessHandle.of(killed)).isEmpty();
        assertThat(cluster.registeredTaskManagers()).isEmpty();

        int replacement = cluster.startTaskManager();
        assertThat(cluster.registeredTaskManagers()).containsExactly("taskmanager-" + replacement);
        assertThat(cluster.taskManagerPids()).containsOnlyKeys(replacement);
        assertThat(runJob()).isEqualTo(expectedSums());
    }

    @Test
    void the_cluster_keeps_checkpoints_in_a_file_folder_under_target() throws IOException {
        String config = Files.readString(cluster.dir().resolve("conf/config.yaml"));
        assertThat(config).contains("execution.checkpointing.dir: " + cluster.checkpointDir().toUri());
        assertThat(cluster.checkpointDir()).isDirectory()
                .startsWith(Path.of("target").toAbsolutePath());
        assertThat(config).contains("rest.bind-address: 127.0.0.1").contains("jobmanager.bind-host: 127.0.0.1")
                .contains("taskmanager.bind-host: 127.0.0.1");
    }

    /** Squares 1..200 and sums them per key (the number mod 3); the last sum of each key is its total. */
    private static Map<Long, Long> runJob() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1",
                cluster.restPort(), jobJar.toString());
        env.setParallelism(2);
        Map<Long, Long> last = new TreeMap<>();
        try (CloseableIterator<Tuple2<Long, Long>> out = env.fromSequence(1, 200).map(new KeyAndSquare())
                .keyBy(new ByKey()).reduce(new Sum()).executeAndCollect()) {
            out.forEachRemaining(t -> last.merge(t.f0, t.f1, Math::max));
        }
        return last;
    }

    private static Map<Long, Long> expectedSums() {
        Map<Long, Long> sums = new TreeMap<>();
        LongStream.rangeClosed(1, 200).forEach(n -> sums.merge(n % 3, n * n, Long::sum));
        return sums;
    }

    /** A jar with this class's job functions only: the cluster has no Eddy or test class of its own. */
    private static Path jobJar(Path jar) throws IOException {
        Path classes = Path.of("target", "test-classes");
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes.resolve("dev/eddy/flink"))) {
            files.filter(f -> f.getFileName().toString().matches("LocalFlinkClusterTest\\$(KeyAndSquare|ByKey|Sum)\\.class"))
                    .forEach(entries::add);
        }
        assertThat(entries).hasSize(3);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Path entry : entries) {
                out.putNextEntry(new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
                Files.copy(entry, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    static final class KeyAndSquare implements MapFunction<Long, Tuple2<Long, Long>> {
        @Override
        public Tuple2<Long, Long> map(Long n) {
            return Tuple2.of(n % 3, n * n);
        }
    }

    static final class ByKey implements KeySelector<Tuple2<Long, Long>, Long> {
        @Override
        public Long getKey(Tuple2<Long, Long> t) {
            return t.f0;
        }
    }

    static final class Sum implements ReduceFunction<Tuple2<Long, Long>> {
        @Override
        public Tuple2<Long, Long> reduce(Tuple2<Long, Long> a, Tuple2<Long, Long> b) {
            return Tuple2.of(a.f0, a.f1 + b.f1);
        }
    }
}
