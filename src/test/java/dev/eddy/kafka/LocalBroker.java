package dev.eddy.kafka;

import dev.eddy.servers.ChildJvms;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one JVM of its own) on 127.0.0.1, made from
 * the Kafka jars on this JVM's class path: {@code kafka.tools.StorageTool format}, then {@code kafka.Kafka}.
 * The tests start one per test class; {@code ./eddy kafka start|stop} runs {@link #main} for users.
 *
 * <p>A broker started by a test watches its parent: it reads its standard input, a pipe from the test JVM,
 * and exits when the pipe closes, so a test JVM that dies (even by SIGKILL) takes its broker with it. A
 * shutdown hook stops it on an ordinary exit as well.
 *
 * <p>Single node, so the internal topics get one replica: {@code offsets.topic.replication.factor},
 * {@code transaction.state.log.replication.factor} and {@code transaction.state.log.min.isr} are 1, or
 * transactions would wait 60 s for replicas that never come.
 */
public final class LocalBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Process process;
    private final Thread hook;

    private LocalBroker(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.hook = new Thread(this::stop, "stop kafka broker");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts a broker with its data in {@code dir} (made if missing) on a free port; waits until it takes clients. */
    public static LocalBroker start(Path dir) {
        return start(dir, freePort(), true);
    }

    static LocalBroker start(Path dir, int port, boolean watchParent) {
        try {
            Files.createDirectories(dir);
            Path props = writeProperties(dir, port, freePort());
            Path log = dir.resolve("broker.log");
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                Process format = java(List.of("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c",
                        props.toString(), "--ignore-formatted"), false)
                        .redirectOutput(log.toFile()).redirectErrorStream(true).start();
                if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    format.destroyForcibly();
                    throw new IllegalStateException("formatting the broker's storage in " + dir + " failed; see " + log
                            + ":\n" + Files.readString(log));
                }
            }
            Process broker = java(List.of(ParentWatch.class.getName(), props.toString()), watchParent)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
            LocalBroker started = new LocalBroker(dir, port, broker);
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

    /** The broker's process, for tests that stop it. */
    public Process process() {
        return process;
    }

    public Path dir() {
        return dir;
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 20 s) and waits for it to end. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run.
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
                "") );
        return props;
    }

    private static String clusterId() {
        // Kafka's cluster ids are 16 random bytes in URL-safe base64 without padding.
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private static ProcessBuilder java(List<String> mainAndArgs, boolean watchParent) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Xshare:auto", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Deddy.broker.watchParent=" + watchParent, "-cp", classPath()));
        argv.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (!watchParent) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        return builder;
    }

    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static int freePort() {
        return ChildJvms.freePort();
    }

    /**
     * The broker JVM's main: exits when its standard input closes (the parent died) unless told not to
     * watch, then runs {@code kafka.Kafka} with the properties file.
     */
    public static final class ParentWatch {
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
                LocalBroker broker = start(dir, port, false);
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
