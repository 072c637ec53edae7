package dev.eddy.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./eddy flink-cluster start|status|stop} as a user runs it, from a clean folder, and the errors a
 * user meets: a busy port, missing jars, a JVM that dies while starting.
 */
class FlinkClusterScriptTest {

    private static final Path TESTS = Path.of("target", "flink-cluster-tests").toAbsolutePath();

    record Run(int code, String output) {}

    private static Run run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("%s ends", List.of(command)).isTrue();
        return new Run(p.exitValue(), output);
    }

    private static Path clean(String name) throws IOException {
        Path dir = TESTS.resolve(name);
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path f : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(f);
                }
            }
        }
        return dir;
    }

    @Test
    void eddy_flink_cluster_starts_reports_and_stops_a_cluster_from_a_clean_folder() throws Exception {
        Path dir = clean("script");
        List<Long> pids = new ArrayList<>();
        try {
            Run start = run("./eddy", "flink-cluster", "start", "--taskmanagers", "1", "--slots", "2", "--dir", dir.toString());
            assertThat(start.code()).as(start.output()).isZero();
            int restPort = Integer.parseInt(Files.readString(dir.resolve("rest.port")).strip());
            assertThat(start.output()).contains("REST at http://127.0.0.1:" + restPort).contains("1 TaskManager(s)");
            for (String name : List.of("jobmanager.pid", "taskmanager-0.pid")) {
                pids.add(Long.parseLong(Files.readString(dir.resolve(name)).strip()));
            }
            assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());

            Run status = run("./eddy", "flink-cluster", "status", "--dir", dir.toString());
            assertThat(status.code()).as(status.output()).isZero();
            assertThat(status.output()).contains("taskmanagers 1, slots 2 free of 2, jobs running 0");

            Run stop = run("./eddy", "flink-cluster", "stop", "--dir", dir.toString());
            assertThat(stop.code()).as(stop.output()).isZero();
            assertThat(stop.output()).contains("stopped the Flink cluster");
            assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());

            Run after = run("./eddy", "flink-cluster", "status", "--dir", dir.toString());
            assertThat(after.code()).isEqualTo(1);
            assertThat(after.output()).contains("no Flink cluster runs from " + dir);
        } finally {
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void a_busy_rest_port_is_named_before_any_jvm_starts() throws Exception {
        Path dir = clean("busy");
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = busy.getLocalPort();
            Run start = run("scripts/flink-cluster.sh", "start", "--rest-port", String.valueOf(port), "--dir", dir.toString());
            assertThat(start.code()).isNotZero();
            assertThat(start.output()).contains("the Flink REST port must be free; got " + port
                    + " instead, where something listens already");
            assertThat(dir.resolve("jobmanager.pid")).doesNotExist();
        }
    }

    @Test
    void missing_jars_say_how_to_build_them() throws Exception {
        Path empty = clean("no-jars");
        Files.createDirectories(empty);
        Run start = run(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Deddy.target=" + empty,
                "-cp", "target/test-classes:target/classes", LocalFlinkCluster.class.getName(), "start", "--dir", empty.resolve("c").toString());
        assertThat(start.code()).isNotZero();
        assertThat(start.output()).contains("the Flink cluster's jars must be in " + empty.resolve("flink-lib"))
                .contains("./eddy flink-cluster start");
    }

    @Test
    void a_job_manager_that_dies_while_starting_shows_its_log() {
        Path dir = TESTS.resolve("dying");
        assertThatThrownBy(() -> LocalFlinkCluster.start(dir, Map.of("jobmanager.rpc.port", "not-a-port"), 1).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the JobManager (pid ")
                .hasMessageContaining("must keep running; it exited with code")
                .hasMessageContaining("its log " + dir.resolve("jobmanager.log") + " ends:")
                .hasMessageContaining("not-a-port");
        assertThat(dir.resolve("taskmanager-0.pid")).doesNotExist();
    }

    @Test
    void a_cluster_started_by_a_jvm_that_is_killed_with_sigkill_goes_with_it() throws Exception {
        Path dir = clean("orphan");
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", "target/test-classes:target/classes", WatchedCluster.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        long jobManager;
        try {
            String line = String.valueOf(new java.io.BufferedReader(new java.io.InputStreamReader(owner.getInputStream())).readLine());
            assertThat(line).as("the owner's first line").startsWith("up ");
            jobManager = Long.parseLong(line.substring(3).strip());
            assertThat(ProcessHandle.of(jobManager).filter(ProcessHandle::isAlive)).isPresent();
        } finally {
            owner.destroyForcibly();  // SIGKILL: no shutdown hook runs in the owner
        }
        owner.waitFor(30, TimeUnit.SECONDS);
        try {
            ProcessHandle.of(jobManager).ifPresent(jm -> {
                try {
                    jm.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception stillAlive) {
                    // The assertion below says so.
                }
            });
            assertThat(ProcessHandle.of(jobManager).filter(ProcessHandle::isAlive)).as("the JobManager").isEmpty();
        } finally {
            ProcessHandle.of(jobManager).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** A JVM that starts a watched cluster (a JobManager only), prints its pid and waits to be killed. */
    public static final class WatchedCluster {
        public static void main(String[] args) throws Exception {
            LocalFlinkCluster cluster = LocalFlinkCluster.start(Path.of(args[0]), 0);
            System.out.println("up " + cluster.jobManager().pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
