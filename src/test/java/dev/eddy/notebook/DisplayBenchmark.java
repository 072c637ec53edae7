package dev.eddy.notebook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;

/**
 * How long notebook display takes after warm-up (a benchmark to run by hand, not a test):
 * <pre>
 * mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Djava.awt.headless=true -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.eddy.notebook.DisplayBenchmark
 * </pre>
 * Prints the median and the slowest of the timed runs of each case, in milliseconds.
 */
public final class DisplayBenchmark {

    record Click(String user, Instant time, long n, double score) {
    }

    private DisplayBenchmark() {
    }

    public static void main(String[] args) {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        List<Object> clicks = new ArrayList<>(1_000_000);
        for (int i = 0; i < 1_000_000; i++) clicks.add(new Click("user" + (i % 1000), t0.plusMillis(i), i, i * 0.5));
        Results results = new Results("bench", List.of(new Results.Entry("clicks", clicks, null, null, clicks.size())),
                false);
        Table table = Tables.of("clicks", clicks);
        TableLimits limits = TableLimits.defaults();

        Table points = Table.create("points",
                InstantColumn.create("time", IntStream.range(0, 10_000).mapToObj(t0::plusSeconds).toList()),
                DoubleColumn.create("value", IntStream.range(0, 10_000).mapToDouble(i -> Math.sin(i / 100.0)).toArray()));

        time("20-row view of a 1,000,000-item captured result (HTML + text)",
                () -> results.html(limits).length() + results.text(limits).length());
        time("20-row view of a 1,000,000-row Table (HTML + text)",
                () -> HtmlTable.render(table, limits).length() + PlainTable.render(table, limits).length());
        time("10,000-point jsplot line chart: parse + PNG + HTML bundle", () -> {
            Chart chart = Chart.of(LinePlot.create("Ten thousand points", points, "time", "value"));
            byte[] png = ChartPng.render(chart);
            return ChartHtml.render(chart, png).length() + png.length;
        });
        time("10,000-point chart: PNG only", () -> ChartPng.render(
                Chart.of(LinePlot.create("Ten thousand points", points, "time", "value"))).length);
    }

    private static void time(String what, Supplier<Integer> task) {
        long first = System.nanoTime();
        task.get();
        System.out.printf("%-62s first  %7.2f ms%n", what, (System.nanoTime() - first) / 1e6);
        for (int i = 0; i < 15; i++) task.get();
        double[] ms = new double[15];
        int size = 0;
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            size = task.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-62s median %7.2f ms  max %7.2f ms  (%,d chars)%n", what, ms[ms.length / 2],
                ms[ms.length - 1], size);
    }
}
