package dev.eddy.dataflow;

/**
 * A step function that keeps something across the batches of one run, such as {@code enrichCached}'s
 * cache, and must start every run of its flow afresh: a runtime calls {@link #startRun()} once per run,
 * before the step's first batch.
 *
 * <pre>{@code
 * var lookups = new ArrayList<String>();
 * var flow = new Dataflow("run_scoped_eg");
 * flow.input("inp", TestingSource.of("dog"))
 *     .enrichCached("icon", (String code) -> { lookups.add(code); return code + ".png"; },
 *                   (cache, code) -> cache.get(code))
 *     .output("out", new TestingSink<>(new ArrayList<>()));
 * Runner.runMain(flow);
 * Runner.runMain(flow);
 * System.out.println("looked up " + lookups);
 * // looked up [dog, dog]
 * }</pre>
 */
public interface RunScoped {

    /** Forgets what an earlier run left behind. */
    void startRun();
}
