package dev.eddy.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.Mapped;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.Step;
import dev.eddy.io.FileSink;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flow's functions travel to Flink as bytes, with the jars that hold their classes: a step that cannot be
 * shipped fails before submission, the shipped steps come back in a class loader that sees only the job's jars
 * and Flink, a flow runs on a cluster through its REST endpoint, and a job jar runs on its own.
 */
class FlinkShippingTest {

    /** A record as a notebook cell defines one: not Serializable. */
    record Trade(String symbol, int qty) {
    }

    private static MiniCluster cluster;
    private static URI rest;

    @BeforeAll
    static void startCluster() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, "0");
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(2).build());
        cluster.start();
        rest = cluster.getRestAddress().get();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Dataflow tradesFlow(String id, TestingSinkOrFile out) {
        var flow = new Dataflow(id);
        var totals = flow.input("inp", TestingSource.of(new Trade("a", 1), new Trade("b", 5), new Trade("a", 2),
                        new Trade("b", 1), new Trade("a", 4)))
                .keyOn("sym", Trade::symbol)
                .statefulMap("total", (Integer sum, Trade t) -> {
                    int total = (sum == null ? 0 : sum) + t.qty();
                    return Mapped.of(total, t.symbol() + "=" + total);
                });
        out.attach(totals);
        return flow;
    }

    /** Where a test's flow writes: a list here, or a file the cluster writes. */
    private interface TestingSinkOrFile {
        void attach(dev.eddy.dataflow.KeyedStream<String, String> totals);
    }

    @Test
    void aStepWhoseFunctionCannotBeShippedFailsBeforeSubmissionNamingTheStep() {
        Function<Integer, Integer> plain = x -> x + 1;
        var flow = new Dataflow("unshippable");
        flow.input("inp", TestingSource.of(1, 2)).map("inc", x -> plain.apply(x))
                .output("out", new TestingSink<>(new ArrayList<>()));
        assertThatThrownBy(() -> FlinkRunner.remote("127.0.0.1", 1).run(flow))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("step 'unshippable.inc.flat_map_batch' must be shippable to Flink; got the"
                        + " lambda ")
                .hasMessageContaining("java.util.function.Function that is not Serializable")
                .hasMessageContaining("SerializableFunction");
    }

    @Test
    void theShippedStepsComeBackInAClassLoaderThatSeesOnlyTheJobJarsAndFlink() throws Exception {
        Dataflow flow = tradesFlow("fresh", totals -> totals.output("out", new TestingSink<>(new ArrayList<>())));
        List<Step> steps = flow.primitiveSteps();
        Shipment shipment = Shipment.of(steps);
        List<Path> jars = JobJars.jarsFor(shipment.classes(), List.of());
        try (URLClassLoader fresh = freshLoader(jars, flow)) {
            Class<?> shipping = fresh.loadClass(Shipping.class.getName());
            assertThat(shipping.getClassLoader()).isSameAs(fresh);
            var thaw = shipping.getDeclaredMethod("thaw", byte[].class, ClassLoader.class);
            thaw.setAccessible(true);
            var bytes = ShippedStep.class.getDeclaredField("primitive");
            bytes.setAccessible(true);

            Object input = thaw.invoke(null, bytes.get(shipment.step("fresh.inp")), fresh);
            assertThat(input.getClass().getClassLoader()).isSameAs(fresh);
            Object source = input.getClass().getMethod("source").invoke(input);
            var items = source.getClass().getDeclaredField("items");
            items.setAccessible(true);
            List<?> trades = (List<?>) items.get(source);
            assertThat(trades).hasSize(5);
            assertThat(trades.get(0).getClass().getName()).isEqualTo(Trade.class.getName());
            assertThat(trades.get(0).getClass().getClassLoader()).as("the record came from the job's jars")
                    .isSameAs(fresh);

            String keyStep = steps.stream().filter(s -> s.primitive() instanceof Primitive.FlatMapBatch)
                    .map(Step::id).findFirst().orElseThrow();
            Object keyOn = thaw.invoke(null, bytes.get(shipment.step(keyStep)), fresh);
            @SuppressWarnings("unchecked")
            Function<List<Object>, Iterable<?>> mapper =
                    (Function<List<Object>, Iterable<?>>) keyOn.getClass().getMethod("mapper").invoke(keyOn);
            assertThat(mapper.apply(new ArrayList<>(trades)).iterator().next().toString()).isEqualTo("(a, Trade[symbol=a, qty=1])");
        }
    }

    @Test
    void aFlowWithARecordAndALambdaRunsOnAClusterThroughItsRestEndpointAsOnTheLocalRuntime() {
        List<KV<String, String>> onCluster = Collections.synchronizedList(new ArrayList<>());
        List<KV<String, String>> onLocal = new ArrayList<>();
        FlinkRunner.remote(rest.getHost(), rest.getPort()).withParallelism(2)
                .run(tradesFlow("remote", totals -> totals.output("out", new TestingSink<>(onCluster))));
        Runner.runMain(tradesFlow("remote", totals -> totals.output("out", new TestingSink<>(onLocal))));
        assertThat(perKey(onCluster)).isEqualTo(perKey(onLocal))
                .isEqualTo(Map.of("a", List.of("a=1", "a=3", "a=7"), "b", List.of("b=5", "b=6")));
    }

    @Test
    void aJobJarRunsItsFlowOnAClusterFromAClassLoaderThatSeesOnlyItAndFlink(@TempDir Path dir) throws Exception {
        Path onCluster = dir.resolve("cluster.txt");
        Path onLocal = dir.resolve("local.txt");
        Path jar = dir.resolve("job.jar");
        FlinkRunner.jobJar(tradesFlow("jar", totals -> totals.output("out", new FileSink<>(onCluster))), jar);
        Runner.runMain(tradesFlow("jar", totals -> totals.output("out", new FileSink<>(onLocal))));

        try (URLClassLoader fresh = freshLoader(List.of(jar), tradesFlow("jar", t -> { }))) {
            Class<?> main = fresh.loadClass(JobMain.class.getName());
            assertThat(main.getClassLoader()).isSameAs(fresh);
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(fresh);
            try {
                main.getMethod("main", String[].class).invoke(null,
                        (Object) new String[] {rest.getHost(), String.valueOf(rest.getPort())});
            } finally {
                Thread.currentThread().setContextClassLoader(before);
            }
        }
        assertThat(Files.readAllLines(onCluster)).isEqualTo(Files.readAllLines(onLocal))
                .containsExactly("a=1", "b=5", "a=3", "b=6", "a=7");
    }

    /**
     * A class loader of {@code jars} and the test class path's other jars (Flink and its libraries), over the JDK
     * alone: without the classes directories (Eddy's and the tests') and without any jar the job ships, so Eddy,
     * the test's record and its lambdas can only come from {@code jars}.
     */
    private static URLClassLoader freshLoader(List<Path> jars, Dataflow flow) throws Exception {
        List<Path> shipped = JobJars.of(Shipment.of(flow.primitiveSteps()).classes()).jars();
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (entry.endsWith(".jar") && !Files.isDirectory(path) && !shipped.contains(path)) {
                urls.add(path.toUri().toURL());
            }
        }
        return new URLClassLoader("fresh", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    private static Map<String, List<String>> perKey(List<KV<String, String>> items) {
        Map<String, List<String>> map = new TreeMap<>();
        for (KV<String, String> kv : items) {
            map.computeIfAbsent(kv.key(), k -> new ArrayList<>()).add(kv.value());
        }
        return map;
    }
}
