package dev.eddy.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.dataflow.Step;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code countWindow} over an unkeyed stream with a key function (Bytewax's signature) and over a keyed stream. */
class CountWindowTest {

    private static final Instant T0 = Instant.parse("2022-01-01T00:00:00Z");
    private static final List<String> CLICKS = List.of("a@0", "a@4", "b@8", "a@12");

    private static Instant at(String click) {
        return T0.plusSeconds(Long.parseLong(click.substring(2)));
    }

    private static final TumblingWindower TEN_SECONDS = new TumblingWindower(Duration.ofSeconds(10), T0);

    @Test
    void aKeyedStreamIsCountedByItsOwnKeysAsTheKeyFunctionWouldCountIt() {
        List<Object> byFunction = new ArrayList<>();
        var flow = new Dataflow("count_fn");
        Windowing.countWindow("count", flow.input("inp", TestingSource.of(CLICKS, 1)),
                EventClock.withNoWait(CountWindowTest::at), TEN_SECONDS, s -> s.substring(0, 1))
                .down().output("out", new TestingSink<>(byFunction));
        Runner.runMain(flow);

        List<Object> byKey = new ArrayList<>();
        var keyedFlow = new Dataflow("count_keyed");
        KeyedStream<String, String> keyed = keyedFlow.input("inp", TestingSource.of(CLICKS, 1))
                .keyOn("user", s -> s.substring(0, 1));
        WindowOut<String, String, Long> out = Windowing.countWindow("count", keyed,
                EventClock.withNoWait(CountWindowTest::at), TEN_SECONDS);
        out.down().output("out", new TestingSink<>(byKey));
        Runner.runMain(keyedFlow);

        assertThat(byKey).containsExactly(KV.of("a", new WindowValue<>(0, 2L)), KV.of("a", new WindowValue<>(1, 1L)),
                KV.of("b", new WindowValue<>(0, 1L)));
        assertThat(byKey).isEqualTo(byFunction);
        assertThat(keyedFlow.steps()).extracting(Step::operator).containsExactly("input", "key_on", "count_window", "output");
    }
}
