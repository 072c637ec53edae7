package dev.eddy.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.flink.LocalFlinkCluster;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A flow built in notebook cells, with a record and a lambda defined in earlier cells, runs on a Flink session
 * cluster of its own JVMs (a JobManager and a TaskManager from the Maven jars) through {@code FlinkRunner.remote},
 * as a user would run it: the cells' classes exist only in the kernel's snippet class loader, so the TaskManager
 * can run them only if they were shipped. Its output equals the local runtime's. The kernel runs in this JVM,
 * whose class path has Flink (a notebook's kernel gets Flink's jars from {@code target/flink-lib}).
 */
class FlinkFromACellTest {

    private static EddyKernel kernel;
    private static LocalFlinkCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalFlinkCluster.start(Path.of("target", "flink-cluster-tests", "FlinkFromACellTest"),
                Map.of("taskmanager.numberOfTaskSlots", "2"), 1);
        kernel = new EddyKernel(KernelConfig.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        if (kernel != null) {
            kernel.onShutdown(false);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Object cell(String code) {
        EvalResult result = kernel.runCell(code, "In[x]");
        assertThat(result).as(code).isInstanceOf(EvalResult.Value.class);
        return ((EvalResult.Value) result).value();
    }

    @Test
    void aFlowOfACellsRecordAndLambdaRunsOnTheClusterWithTheLocalRuntimesOutput() {
        cell("record Order(String customer, int cents) {}\n1");
        cell("SerializableFunction<Order, Integer> dollars = o -> o.cents() / 100;\n1");
        cell("""
                Dataflow orders(List<Object> out) {
                    var flow = new Dataflow("cell_orders");
                    flow.input("inp", TestingSource.of(new Order("ann", 250), new Order("bob", 1000),
                            new Order("ann", 199), new Order("bob", 501), new Order("cy", 42)))
                        .keyOn("customer", Order::customer)
                        .mapValue("dollars", dollars)
                        .statefulMap("total", (Integer sum, Integer d) -> {
                            int total = (sum == null ? 0 : sum) + d;
                            return Mapped.of(total, total);
                        })
                        .output("out", new TestingSink<>(out));
                    return flow;
                }
                1""");
        Object onCluster = cell("var onCluster = Collections.synchronizedList(new ArrayList<Object>());\n"
                + "dev.eddy.flink.FlinkRunner.remote(\"127.0.0.1\", " + cluster.restPort() + ")"
                + ".withParallelism(2).run(orders(onCluster));\n"
                + "new TreeMap<>(onCluster.stream().map(o -> (KV<?, ?>) o).collect(Collectors.groupingBy("
                + "kv -> kv.key().toString(), Collectors.mapping(kv -> kv.value(), Collectors.toList())))).toString()");
        Object onLocal = cell("var onLocal = new ArrayList<Object>();\nRunner.runMain(orders(onLocal));\n"
                + "new TreeMap<>(onLocal.stream().map(o -> (KV<?, ?>) o).collect(Collectors.groupingBy("
                + "kv -> kv.key().toString(), Collectors.mapping(kv -> kv.value(), Collectors.toList())))).toString()");
        assertThat(onCluster).isEqualTo(onLocal).isEqualTo("{ann=[2, 3], bob=[10, 15], cy=[0]}");
    }

    @Test
    void aCaptureOnTheRemoteClusterShowsTheWindowsOfACellsRecordsWithAHeaderNamingTheFinishedJob() {
        cell("record Click(String user, Instant at) {}\n1");
        cell("""
                var t0 = Instant.parse("2024-01-01T00:00:00Z");
                var clickFlow = new Dataflow("cell_clicks");
                var clicks = clickFlow.input("inp", TestingSource.of(new Click("ann", t0), new Click("bob", t0.plusSeconds(1)),
                        new Click("ann", t0.plusSeconds(12)), new Click("ann", t0.plusSeconds(3))));
                var counts = Windowing.countWindow("count", clicks, EventClock.withNoWait(Click::at),
                        new TumblingWindower(Duration.ofSeconds(10), t0), Click::user);
                1""");
        Object text = cell("var remote = Capture.of(clickFlow).window(\"counts\", counts)"
                + ".on(dev.eddy.flink.FlinkRunner.remote(\"127.0.0.1\", " + cluster.restPort() + ").withParallelism(2))"
                + ".run();\n"
                + "remote.text(dev.eddy.notebook.TableLimits.defaults()).lines().findFirst().orElseThrow() + \" | \""
                + " + remote.items(\"counts\").stream().map(String::valueOf).sorted().toList() + \" | late \""
                + " + remote.late(\"counts\").size()");
        assertThat(text.toString())
                .matches("flow cell_clicks on Flink job [0-9a-f]{32} \\(FINISHED, parallelism 2\\) \\| .*")
                .endsWith("| [(ann, (0, 1)), (ann, (1, 1)), (bob, (0, 1))] | late 1");
    }
}
