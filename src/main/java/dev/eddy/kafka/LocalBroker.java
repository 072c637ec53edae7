package dev.eddy.kafka;

import dev.eddy.servers.ChildJvms;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker on 127.0.0.1 for trying Eddy's Kafka connectors in a notebook, a test or
 * {@code ./eddy kafka start}: KRaft, broker and controller in one JVM of its own, started with
 * {@code kafka.tools.StorageTool format}, then {@code kafka.Kafka}. Nothing is downloaded: the broker's jars
 * are the ones the build resolved (pom.xml pins {@code kafka_2.13}; the build lists their paths in the
 * resource {@code dev/eddy/kafka/broker.classpath}), so only a JVM that starts a broker loads them, and the
 * kernel starts as fast as before.
 *
 * <pre>{@code
 * import dev.eddy.kafka.*;
 * try (var broker = LocalBroker.start()) {        // a free port, its data in a temporary folder
 *     broker.createTopic("clicks", 3);
 *     var flow = new Dataflow("from_local");
 *     flow.input("inp", KafkaSource.of(broker.brokers(), List.of("clicks")).tail(false)).inspect("seen");
 * }
 * }</pre>
 *
 * <p>The broker watches the JVM that started it: it reads its standard input, a pipe from that JVM, and
 * exits when the pipe closes, so a kernel or test that dies (even by SIGKILL) takes its broker with it. A
 * shutdown hook stops it on an ordinary exit as well. {@code ./eddy kafka start} starts one that outlives
 * the command instead; {@code ./eddy kafka stop} ends it.
 *
 * <p>One node, so the internal topics get one replica: {@code offsets.topic.replication.factor},
 * {@code transaction.state.log.replication.factor} and {@code transaction.state.log.min.isr} are 1, or
 * transactions would wait 60 s for replicas that never come. Topics are not made on first use: make them
 * with {@link #createTopic}.
 */
public final class LocalBroker implements AutoCloseable {

    private static final String JARS_RESOURCE = "broker.classpath";

    private final Path dir;
    private final boolean ownsDir;
    private final int port;
    private final Process process;
    private final Thread hook;

    private LocalBroker(Path dir, boolean ownsDir, int port, Process process) {
        this.dir = dir;
        this.ownsDir = ownsDir;
        this.port = port;
        this.process = process;
        this.hook = new Thread(this::stop, "stop kafka broker");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts a broker on a free port with its data in a new temporary folder, deleted by {@link #close()}. */
    public static LocalBroker start() {
        try {
            return start(Files.createTempDirectory("eddy-kafka-"), freePort(), true, true);
        } catch (IOException e) {
            throw new UncheckedIOException("a Kafka broker needs a temporary folder: " + e.getMessage(), e);
        }
    }

    /** Starts a broker with its data in {@code dir} (made if missing, kept) on a free port; waits until it takes clients. */
    public static LocalBroker start(Path dir) {
        return start(dir, freePort(), true, false);
    }

    static LocalBroker start(Path dir, int port, boolean watchParent, boolean ownsDir) {
        try {
            Files.createDirectories(dir);
            String classPath = classPath();
            Path props = writeProperties(dir, port, freePort());
            Path log = dir.resolve("broker.log");
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                Process format = java(classPath, List.of("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c",
                        props.toString(), "--ignore-formatted"), false)
                        .redirectOutput(log.toFile()).redirectErrorStream(true).start();
                if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    format.destroyForcibly();
                    throw new IllegalStateException("formatting the broker's storage in " + dir + " failed; see " + log
                            + ":\n" + Files.readString(log));
                }
            }
            Process broker = java(classPath, List.of(ParentWatch.class.getName(), props.toString()), watchParent)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
            LocalBroker started = new LocalBroker(dir, ownsDir, port, broker);
            started.awaitPort(Duration.ofSeconds(60), log);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting a Kafka broker", e);
        }
    }

    /** The {@code bootstrap.servers} value: {@code 127.0.0.1:PORT}. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** The broker's address as the connectors take it: {@code KafkaSource.of(broker.brokers(), topics)}. */
    public List<String> brokers() {
        return List.of(bootstrap());
    }

    /**
     * Makes a topic with {@code partitions} partitions (one replica); does nothing when it exists with as
     * many.
     */
    public void createTopic(String topic, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("LocalBroker topic '" + topic + "' must have at least 1 partition; got "
                    + partitions + " instead");
        }
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap()))) {
            if (admin.listTopics().names().get().contains(topic)) {
                int has = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
                if (has != partitions) {
                    throw new IllegalStateException("LocalBroker topic '" + topic + "' must have " + partitions
                            + " partitions; got an existing topic with " + has + " instead");
                }
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("LocalBroker could not make topic '" + topic + "': " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making topic '" + topic + "'", e);
        }
    }

    /** The broker's process, for tests that stop it. */
    public Process process() {
        return process;
    }

    /** The folder with the broker's data, its {@code server.properties} and {@code broker.log}. */
    public Path dir() {
        return dir;
    }

    @Override
    public String toString() {
        return "Kafka broker at " + bootstrap() + " (KRaft, one node" + (process.isAlive() ? "" : ", stopped")
                + "), data in " + dir;
    }

    /**
     * Stops the broker (SIGTERM, then SIGKILL after 20 s) and waits for it to end; deletes its folder when
     * {@link #start()} made it.
     */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run.
        }
        if (ownsDir) {
            deleteTree(dir);
        }
    }

    private void stop() {
        ChildJvms.terminate(process);
    }

    private void awaitPort(Duration limit, Path log) throws IOException, InterruptedException {
        Instant until = Instant.now().plus(limit);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker in " + dir + " exited with code " + process.exitValue()
                        + " before taking clients; its log " + log + " ends:\n" + tail(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        stop();
        throw new IllegalStateException("the Kafka broker in " + dir + " must take clients on port " + port + " within "
                + limit.toSeconds() + " s; it did not; its log " + log + " ends:\n" + tail(log));
    }

    private static String tail(Path log) {
        return ChildJvms.tail(log);
    }

    private static Path writeProperties(Path dir, int port, int controllerPort) throws IOException {
        Path props = dir.resolve("server.properties");
        Files.writeString(props, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dir.resolve("data").toAbsolutePath(),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                ""));
        return props;
    }

    static String clusterId() {
        // Kafka's own generator: 16 random bytes in URL-safe base64, never starting with '-', which the storage
        // tool's argument parser would take for an option (one id in 64 did, and the format failed).
        return Uuid.randomUuid().toString();
    }

    private static ProcessBuilder java(String classPath, List<String> mainAndArgs, boolean watchParent) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Xshare:auto", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Deddy.broker.watchParent=" + watchParent, "-cp", classPath));
        argv.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (!watchParent) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        return builder;
    }

    /**
     * The broker JVM's class path: the jars the build listed in {@value #JARS_RESOURCE}, then the jar or
     * folder this class came from (for {@link ParentWatch}).
     */
    static String classPath() {
        String own;
        try {
            own = Path.of(LocalBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("a Kafka broker must find where Eddy's classes are; got no file location"
                    + " for them instead: " + e, e);
        }
        List<String> jars;
        try (InputStream in = LocalBroker.class.getResourceAsStream(JARS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("a Kafka broker must find the list of its jars, the resource"
                        + " dev/eddy/kafka/" + JARS_RESOURCE + "; got none in " + own + " instead; build with mvn"
                        + " package (./eddy lab does)");
            }
            jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().lines()
                    .flatMap(line -> Stream.of(line.split(File.pathSeparator))).filter(s -> !s.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> missing = jars.stream().filter(jar -> !Files.exists(Path.of(jar))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("a Kafka broker's jars must be where the build found them; got "
                    + missing.size() + " missing instead, first " + missing.get(0) + "; build again with mvn package");
        }
        return String.join(File.pathSeparator, jars) + File.pathSeparator + own;
    }

    static int freePort() {
        return ChildJvms.freePort();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary folder left behind is no failure of the run.
        }
    }

    /**
     * The broker JVM's main: exits when its standard input closes (the parent died) unless told not to
     * watch, then runs {@code kafka.Kafka} with the properties file.
     */
    public static final class ParentWatch {
        private ParentWatch() {
        }

        public static void main(String[] args) throws Exception {
            if (Boolean.getBoolean("eddy.broker.watchParent")) {
                Thread watch = new Thread(() -> {
                    try (InputStream in = System.in) {
                        while (in.read() >= 0) {
                            // Nothing is sent; read only to see the pipe close.
                        }
                    } catch (IOException closed) {
                        // The same as end of input.
                    }
                    Runtime.getRuntime().halt(3);
                }, "parent watch");
                watch.setDaemon(true);
                watch.start();
            }
            Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
        }
    }

    /**
     * {@code ./eddy kafka start|stop [DIR] [PORT]}: a broker for trying things, detached, its pid in
     * {@code DIR/broker.pid}; {@code stop} ends it.
     */
    public static void main(String[] args) throws Exception {
        String command = args.length > 0 ? args[0] : "";
        Path dir = Path.of(args.length > 1 ? args[1] : "target/kafka");
        Path pidFile = dir.resolve("broker.pid");
        switch (command) {
            case "start" -> {
                if (Files.exists(pidFile) && ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                        .map(ProcessHandle::isAlive).orElse(false)) {
                    System.out.println("a Kafka broker already runs from " + dir + " (pid " + Files.readString(pidFile).strip()
                            + "); ./eddy kafka stop ends it");
                    return;
                }
                int port = args.length > 2 ? Integer.parseInt(args[2]) : 9092;
                LocalBroker broker = start(dir, port, false, false);
                Runtime.getRuntime().removeShutdownHook(broker.hook);
                Files.writeString(pidFile, broker.process.pid() + "\n");
                System.out.println("Kafka broker (KRaft, single node) at " + broker.bootstrap() + ", data in " + dir
                        + ", log " + dir.resolve("broker.log") + ", pid " + broker.process.pid());
            }
            case "stop" -> {
                if (!Files.exists(pidFile)) {
                    System.out.println("no Kafka broker runs from " + dir);
                    return;
                }
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                ProcessHandle.of(pid).ifPresent(p -> {
                    p.destroy();
                    try {
                        p.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception slow) {
                        p.destroyForcibly();
                    }
                });
                Files.delete(pidFile);
                System.out.println("stopped the Kafka broker " + pid + " of " + dir);
            }
            default -> {
                System.err.println("usage: ./eddy kafka start|stop [DIR] [PORT]; got " + String.join(" ", args));
                System.exit(2);
            }
        }
    }
}
