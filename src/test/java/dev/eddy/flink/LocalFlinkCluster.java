package dev.eddy.flink;

import static dev.eddy.servers.ChildJvms.freePort;
import static dev.eddy.servers.ChildJvms.tail;
import static dev.eddy.servers.ChildJvms.terminate;

import dev.eddy.servers.ChildJvms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Flink session cluster on 127.0.0.1: one JobManager ({@code StandaloneSessionClusterEntrypoint}) and
 * TaskManagers ({@code TaskManagerRunner}), each a JVM of its own, made from the jars that the build copies
 * into {@code target/flink-lib} and {@code target/flink-cluster-lib} (there is no Flink distribution here).
 * Nothing of Eddy or of the tests is on the cluster's class path, so a job's own classes must travel in its
 * job jar, as on a real cluster. The tests start one per test class; {@code ./eddy flink-cluster
 * start|stop|status} runs {@link #main} for users. This class uses the JDK and {@code dev.eddy.servers.ChildJvms}
 * only, so the script runs it with nothing but {@code target/test-classes} and {@code target/classes} on its
 * class path.
 *
 * <p>Everything lives in one folder: {@code conf/config.yaml} (rpc and REST bound to 127.0.0.1 on free
 * ports, checkpoints in {@code checkpoints/} as {@code file://}), {@code rest.port}, {@code jobmanager.pid},
 * {@code jobmanager.log}, and {@code taskmanager-N.pid} / {@code taskmanager-N.log} per TaskManager. A
 * TaskManager needs the memory flags and {@code -D} properties that Flink's {@code bin/taskmanager.sh} gets
 * from {@code BashJavaUtils GET_TM_RESOURCE_PARAMS}; they are computed once per cluster.
 *
 * <p>A cluster started by a test is watched: a small {@code sh} process reads a pipe from the test JVM and,
 * when the pipe closes (the test JVM ended, even by SIGKILL), kills every JVM whose pid file is left in the
 * folder. A shutdown hook stops the cluster on an ordinary exit as well.
 */
public final class LocalFlinkCluster implements AutoCloseable {

    private static final String JOB_MANAGER = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String RESOURCE_PARAMS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dir;
    private final int restPort;
    private final List<String> taskManagerCommand;
    private final Process jobManager;
    private final Map<Integer, Process> taskManagers = new TreeMap<>();
    private final Process watcher;
    private final Thread hook;
    private int nextTaskManager;

    private LocalFlinkCluster(Path dir, int restPort, List<String> taskManagerCommand, Process jobManager,
            Process watcher, boolean hooked) {
        this.dir = dir;
        this.restPort = restPort;
        this.taskManagerCommand = taskManagerCommand;
        this.jobManager = jobManager;
        this.watcher = watcher;
        this.hook = hooked ? new Thread(this::stop, "stop local flink cluster") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /**
     * Starts a JobManager and {@code taskManagers} TaskManagers with their files in {@code dir} (made if
     * missing), the JobManager's {@code config.yaml} holding {@code jmConfig} on top of this class's defaults
     * (for instance {@code taskmanager.numberOfTaskSlots}); returns once every TaskManager has registered.
     */
    public static LocalFlinkCluster start(Path dir, Map<String, String> jmConfig, int taskManagers) {
        return start(dir, jmConfig, taskManagers, freePort(), true);
    }

    /** {@link #start(Path, Map, int)} with the default configuration (one slot per TaskManager). */
    public static LocalFlinkCluster start(Path dir, int taskManagers) {
        return start(dir, Map.of(), taskManagers);
    }

    static LocalFlinkCluster start(Path dir, Map<String, String> jmConfig, int taskManagers, int restPort,
            boolean watched) {
        if (taskManagers < 0) {
            throw new IllegalArgumentException("the number of TaskManagers must be 0 or more; got " + taskManagers
                    + " instead");
        }
        requireJars();
        try {
            dir = dir.toAbsolutePath();
            Files.createDirectories(dir.resolve("conf"));
            Files.createDirectories(dir.resolve("checkpoints"));
            deletePidFiles(dir);
            if (!portIsFree(restPort)) {
                throw new IllegalStateException("the Flink REST port must be free; got " + restPort
                        + " instead, where something listens already; pick another with --rest-port");
            }
            writeConfig(dir, jmConfig, restPort, freePort());
            Process watcher = watched ? watch(dir) : null;
            // The TaskManagers start while the JobManager still starts: they retry until it answers.
            Process jm = launch(dir, "jobmanager", List.of("-Xmx512m", "-XX:MaxMetaspaceSize=256m"), JOB_MANAGER,
                    List.of("--configDir", dir.resolve("conf").toString()));
            List<String> tmCommand;
            try {
                tmCommand = taskManagerCommand(dir);
            } catch (IOException | RuntimeException e) {
                terminate(jm);
                deletePidFiles(dir);
                throw e;
            }
            LocalFlinkCluster cluster = new LocalFlinkCluster(dir, restPort, tmCommand, jm, watcher, watched);
            try {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < taskManagers; i++) {
                    ids.add(cluster.launchTaskManager());
                }
                cluster.awaitRest();
                cluster.awaitTaskManagers(Set.copyOf(ids));
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JobManager's REST port on 127.0.0.1, for {@code createRemoteEnvironment("127.0.0.1", port, jar)}. */
    public int restPort() {
        return restPort;
    }

    /** The folder with the configuration, logs, pid files and {@code checkpoints/}. */
    public Path dir() {
        return dir;
    }

    /** Where checkpoints go ({@code execution.checkpointing.dir} is this folder as a {@code file://} URI). */
    public Path checkpointDir() {
        return dir.resolve("checkpoints");
    }

    /** The pid of each TaskManager that runs, by its index (the {@code N} of {@code taskmanager-N}). */
    public synchronized Map<Integer, Long> taskManagerPids() {
        Map<Integer, Long> pids = new TreeMap<>();
        taskManagers.forEach((i, p) -> {
            if (p.isAlive()) {
                pids.put(i, p.pid());
            }
        });
        return pids;
    }

    /** The JobManager's process. */
    public Process jobManager() {
        return jobManager;
    }

    /**
     * Kills TaskManager {@code i} with SIGKILL ({@code kill -9}: no shutdown of any kind), waits for its JVM
     * to end and for the JobManager to drop it from {@code /taskmanagers}.
     */
    public void killTaskManager(int i) {
        Process tm;
        synchronized (this) {
            tm = taskManagers.remove(i);
        }
        if (tm == null) {
            throw new IllegalArgumentException("the TaskManager to kill must run; got " + i + " instead; running: "
                    + taskManagerPids().keySet());
        }
        tm.destroyForcibly();
        try {
            if (!tm.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("TaskManager " + i + " (pid " + tm.pid() + ") did not end on SIGKILL");
            }
            Files.deleteIfExists(dir.resolve("taskmanager-" + i + ".pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing TaskManager " + i, e);
        }
        Set<String> expected = taskManagerPids().keySet().stream().map(LocalFlinkCluster::taskManagerId)
                .collect(Collectors.toSet());
        awaitTaskManagers(expected);
    }

    /** Starts one more TaskManager and waits until it has registered; returns its index. */
    public int startTaskManager() {
        String id = launchTaskManager();
        Set<String> expected = taskManagerPids().keySet().stream().map(LocalFlinkCluster::taskManagerId)
                .collect(Collectors.toSet());
        expected.add(id);
        awaitTaskManagers(expected);
        return Integer.parseInt(id.substring("taskmanager-".length()));
    }

    /** The ids of the TaskManagers that the JobManager lists now ({@code taskmanager-N}). */
    public Set<String> registeredTaskManagers() {
        return registeredTaskManagers(restPort).orElse(Set.of());
    }

    /**
     * The body of the JobManager's REST answer to {@code GET path} (such as {@code /jobs/<id>/checkpoints}), or
     * empty when it does not answer with 200.
     */
    public Optional<String> restGet(String path) {
        return rest(restPort, path);
    }

    /** Stops the TaskManagers and then the JobManager (SIGTERM, SIGKILL after 20 s), and waits for them. */
    @Override
    public void close() {
        stop();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run.
            }
        }
    }

    private void stop() {
        List<Process> all;
        synchronized (this) {
            all = new ArrayList<>(taskManagers.values());
            taskManagers.clear();
        }
        all.forEach(ChildJvms::terminate);
        terminate(jobManager);
        deletePidFiles(dir);
        if (watcher != null) {
            try {
                watcher.getOutputStream().close();  // the watcher finds no pid files left and exits
            } catch (IOException ignored) {
                // It has gone already.
            }
        }
    }

    private String launchTaskManager() {
        int i;
        synchronized (this) {
            i = nextTaskManager++;
        }
        String id = taskManagerId(i);
        List<String> args = new ArrayList<>(taskManagerCommand.subList(1, taskManagerCommand.size()));
        args.addAll(List.of("-D", "taskmanager.resource-id=" + id));
        Process tm = launch(dir, id, Arrays.asList(taskManagerCommand.get(0).split(" ")), TASK_MANAGER, args);
        synchronized (this) {
            taskManagers.put(i, tm);
        }
        return id;
    }

    private static String taskManagerId(int i) {
        return "taskmanager-" + i;
    }

    private void awaitRest() {
        Instant until = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(until)) {
            requireAlive(jobManager, "the JobManager", dir.resolve("jobmanager.log"));
            if (registeredTaskManagers(restPort).isPresent()) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("the Flink JobManager in " + dir + " must answer on REST port " + restPort
                + " within " + START_LIMIT.toSeconds() + " s; it did not; its log " + dir.resolve("jobmanager.log")
                + " ends:\n" + tail(dir.resolve("jobmanager.log")));
    }

    private void awaitTaskManagers(Set<String> expected) {
        Instant until = Instant.now().plus(START_LIMIT);
        Set<String> seen = Set.of();
        while (Instant.now().isBefore(until)) {
            requireAlive(jobManager, "the JobManager", dir.resolve("jobmanager.log"));
            synchronized (this) {
                for (Map.Entry<Integer, Process> tm : taskManagers.entrySet()) {
                    String id = taskManagerId(tm.getKey());
                    requireAlive(tm.getValue(), "TaskManager " + id, dir.resolve(id + ".log"));
                }
            }
            seen = registeredTaskManagers();
            if (seen.equals(expected)) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("the JobManager on REST port " + restPort + " must list the TaskManagers "
                + new TreeSet<>(expected) + " within " + START_LIMIT.toSeconds() + " s; got " + new TreeSet<>(seen)
                + " instead; see the logs in " + dir);
    }

    private static void requireAlive(Process process, String what, Path log) {
        if (!process.isAlive()) {
            throw new IllegalStateException(what + " (pid " + process.pid() + ") must keep running; it exited with code "
                    + process.exitValue() + " instead; its log " + log + " ends:\n" + tail(log));
        }
    }

    private static Optional<Set<String>> registeredTaskManagers(int restPort) {
        return rest(restPort, "/taskmanagers").map(body -> {
            Set<String> ids = new TreeSet<>();
            Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
            while (m.find()) {
                ids.add(m.group(1));
            }
            return ids;
        });
    }

    private static Optional<String> rest(int port, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException notYet) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the Flink REST API", e);
        }
    }

    // ----- the JVMs

    private static Path target() {
        return Path.of(System.getProperty("eddy.target", "target")).toAbsolutePath();
    }

    private static void requireJars() {
        for (String lib : List.of("flink-lib", "flink-cluster-lib")) {
            Path folder = target().resolve(lib);
            if (!Files.isDirectory(folder)) {
                throw new IllegalStateException("the Flink cluster's jars must be in " + folder + "; got no such folder"
                        + " instead; build them first with ./eddy flink-cluster start (it builds when they are"
                        + " missing) or mvn -B -q -DskipTests package");
            }
        }
    }

    private static String clusterClassPath() {
        return target().resolve("flink-lib") + "/*:" + target().resolve("flink-cluster-lib") + "/*";
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts {@code main} in a JVM of its own, detached (stdin from /dev/null, output to {@code name.log}). */
    private static Process launch(Path dir, String name, List<String> jvmArgs, String main, List<String> args) {
        Path log = dir.resolve(name + ".log");
        List<String> argv = new ArrayList<>();
        argv.add(java());
        argv.addAll(jvmArgs);
        argv.addAll(List.of("-Dlog.file=" + log, "-Dlog4j.configurationFile=" + dir.resolve("conf/log4j.properties"),
                "-cp", clusterClassPath(), main));
        argv.addAll(args);
        try {
            Files.writeString(log, "");
            Process process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
            Files.writeString(dir.resolve(name + ".pid"), process.pid() + "\n");
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The TaskManager's JVM flags (one string, first) and its {@code -D} properties, from
     * {@code BashJavaUtils GET_TM_RESOURCE_PARAMS} as {@code bin/taskmanager.sh} does.
     */
    private static List<String> taskManagerCommand(Path dir) throws IOException {
        Path log = dir.resolve("resource-params.log");
        Process p = new ProcessBuilder(java(), "-Xmx128m", "-Dlog4j.configurationFile=" + dir.resolve("conf/log4j.properties"),
                "-cp", clusterClassPath(), RESOURCE_PARAMS, "GET_TM_RESOURCE_PARAMS", "--configDir",
                dir.resolve("conf").toString())
                .redirectOutput(log.toFile()).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing the TaskManager's memory", e);
        }
        String prefix = "BASH_JAVA_UTILS_EXEC_RESULT:";
        List<String> results = Files.readAllLines(log).stream().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()).strip()).toList();
        if (p.isAlive() || p.exitValue() != 0 || results.size() < 2) {
            throw new IllegalStateException("BashJavaUtils GET_TM_RESOURCE_PARAMS must print the TaskManager's JVM flags"
                    + " and properties; got no result instead (check conf/config.yaml's taskmanager.memory.* values);"
                    + " its output " + log + " ends:\n" + tail(log));
        }
        List<String> command = new ArrayList<>();
        command.add(results.get(results.size() - 2));
        command.add("--configDir");
        command.add(dir.resolve("conf").toString());
        command.addAll(Arrays.asList(results.get(results.size() - 1).split(" ")));
        return command;
    }

    /** A {@code sh} that kills every JVM with a pid file left in {@code dir} once its standard input closes. */
    private static Process watch(Path dir) throws IOException {
        return new ProcessBuilder("sh", "-c",
                "cat >/dev/null; for f in \"$0\"/*.pid; do [ -f \"$f\" ] && kill -9 \"$(cat \"$f\")\" 2>/dev/null; done; exit 0",
                dir.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void writeConfig(Path dir, Map<String, String> overrides, int restPort, int rpcPort) throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jobmanager.rpc.address", "127.0.0.1");
        config.put("jobmanager.rpc.port", String.valueOf(rpcPort));
        config.put("jobmanager.bind-host", "127.0.0.1");
        config.put("rest.address", "127.0.0.1");
        config.put("rest.bind-address", "127.0.0.1");
        config.put("rest.port", String.valueOf(restPort));
        config.put("taskmanager.host", "127.0.0.1");
        config.put("taskmanager.bind-host", "127.0.0.1");
        config.put("taskmanager.numberOfTaskSlots", "1");
        // 1 GB per TaskManager, little of it managed memory (RocksDB and batch sorting use that, Eddy does not)
        config.put("taskmanager.memory.process.size", "1024m");
        config.put("taskmanager.memory.managed.fraction", "0.1");
        // a killed TaskManager is noticed within seconds, not the default 50 s
        config.put("heartbeat.interval", "1 s");
        config.put("heartbeat.timeout", "10 s");
        config.put("execution.checkpointing.storage", "filesystem");
        config.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        config.putAll(overrides);
        StringBuilder yaml = new StringBuilder("# written by dev.eddy.flink.LocalFlinkCluster\n");
        config.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        Files.writeString(dir.resolve("conf/config.yaml"), yaml);
        Files.writeString(dir.resolve("conf/log4j.properties"), String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.out.ref = out",
                "appender.out.type = Console",
                "appender.out.name = out",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                ""));
        Files.writeString(dir.resolve("rest.port"), restPort + "\n");
    }

    private static void deletePidFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException busy) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Flink cluster", e);
        }
    }

    // ----- ./eddy flink-cluster start|stop|status

    /**
     * {@code start [--taskmanagers N] [--slots S] [--rest-port P] [--dir DIR]}: a detached cluster (its files
     * in DIR, {@code target/flink-cluster} unless told); {@code stop [--dir DIR]} ends it; {@code status
     * [--dir DIR]} shows its pids and what the JobManager reports.
     */
    public static void main(String[] args) throws Exception {
        String command = args.length > 0 ? args[0] : "";
        Map<String, String> options = new TreeMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage(args);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        if (!Set.of("taskmanagers", "slots", "rest-port", "dir").containsAll(options.keySet())) {
            usage(args);
        }
        Path dir = Path.of(options.getOrDefault("dir", "target/flink-cluster")).toAbsolutePath();
        switch (command) {
            case "start" -> {
                Map<Integer, Long> running = runningPids(dir);
                if (!running.isEmpty()) {
                    System.out.println("a Flink cluster already runs from " + dir + " (pids " + running.values()
                            + "); ./eddy flink-cluster stop ends it");
                    return;
                }
                int taskManagers = Integer.parseInt(options.getOrDefault("taskmanagers", "1"));
                String slots = options.getOrDefault("slots", "1");
                int restPort = options.containsKey("rest-port") ? Integer.parseInt(options.get("rest-port")) : freePort();
                long began = System.nanoTime();
                LocalFlinkCluster cluster = start(dir, Map.of("taskmanager.numberOfTaskSlots", slots), taskManagers,
                        restPort, false);
                long millis = (System.nanoTime() - began) / 1_000_000;
                System.out.println("Flink cluster: JobManager (pid " + cluster.jobManager.pid() + ") with REST at"
                        + " http://127.0.0.1:" + restPort + " (also in " + dir.resolve("rest.port") + "), "
                        + taskManagers + " TaskManager(s) with " + slots + " slot(s) each (pids "
                        + cluster.taskManagerPids().values() + "), up in " + millis + " ms; logs in " + dir);
                System.out.println("Submit with StreamExecutionEnvironment.createRemoteEnvironment(\"127.0.0.1\", "
                        + restPort + ", \"job.jar\"); ./eddy flink-cluster stop ends the cluster");
            }
            case "stop" -> {
                Map<Integer, Long> running = runningPids(dir);
                if (running.isEmpty()) {
                    System.out.println("no Flink cluster runs from " + dir);
                    if (Files.isDirectory(dir)) {
                        deletePidFiles(dir);
                    }
                    return;
                }
                // the TaskManagers first, the JobManager (key -1) last
                List<ProcessHandle> handles = running.entrySet().stream()
                        .sorted((a, b) -> Boolean.compare(a.getKey() < 0, b.getKey() < 0))
                        .map(e -> ProcessHandle.of(e.getValue())).flatMap(Optional::stream).toList();
                for (ProcessHandle p : handles) {
                    p.destroy();
                    try {
                        p.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception slow) {
                        p.destroyForcibly();
                    }
                }
                deletePidFiles(dir);
                System.out.println("stopped the Flink cluster of " + dir + " (pids " + running.values() + ")");
            }
            case "status" -> {
                Map<Integer, Long> running = runningPids(dir);
                if (running.isEmpty()) {
                    System.out.println("no Flink cluster runs from " + dir);
                    System.exit(1);
                }
                int restPort = Integer.parseInt(Files.readString(dir.resolve("rest.port")).strip());
                Optional<String> overview = rest(restPort, "/overview");
                String pids = running.entrySet().stream()
                        .map(e -> (e.getKey() < 0 ? "jobmanager" : taskManagerId(e.getKey())) + "=" + e.getValue())
                        .collect(Collectors.joining(" "));
                System.out.println("Flink cluster of " + dir + ": REST http://127.0.0.1:" + restPort + "; pids " + pids);
                System.out.println(overview.map(o -> "taskmanagers " + field(o, "taskmanagers") + ", slots "
                        + field(o, "slots-available") + " free of " + field(o, "slots-total") + ", jobs running "
                        + field(o, "jobs-running") + ", finished " + field(o, "jobs-finished") + ", failed "
                        + field(o, "jobs-failed"))
                        .orElse("the JobManager does not answer on REST port " + restPort + " (yet); see "
                                + dir.resolve("jobmanager.log")));
            }
            default -> usage(args);
        }
    }

    private static void usage(String[] args) {
        System.err.println("usage: ./eddy flink-cluster start [--taskmanagers N] [--slots S] [--rest-port P] [--dir DIR]"
                + " | stop [--dir DIR] | status [--dir DIR]; got " + String.join(" ", args));
        System.exit(2);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    /** Live JVMs with a pid file in {@code dir}: the JobManager as -1, TaskManager N as N. */
    private static Map<Integer, Long> runningPids(Path dir) throws IOException {
        Map<Integer, Long> pids = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return pids;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                String name = f.getFileName().toString().replace(".pid", "");
                long pid = Long.parseLong(Files.readString(f).strip());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    pids.put(name.equals("jobmanager") ? -1 : Integer.parseInt(name.substring("taskmanager-".length())), pid);
                }
            }
        }
        return pids;
    }
}
