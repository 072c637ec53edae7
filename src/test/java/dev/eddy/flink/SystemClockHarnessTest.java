package dev.eddy.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.Step;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import dev.eddy.windowing.SystemClock;
import dev.eddy.windowing.TumblingWindower;
import dev.eddy.windowing.Windowing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * System-clock windows on Flink, driven through Flink's operator harness with scripted processing time: a
 * stateful step's {@code notifyAt} is a processing-time timer, and the window's system time is Flink's.
 */
class SystemClockHarnessTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    @Test
    void aTenSecondSystemClockWindowClosesWhenProcessingTimeReachesItsEndAndNotBefore() throws Exception {
        //   processing time: 0s        9.999s      10s
        //   items:           a=1, a=2
        //   window [0s,10s)  open ....... open ... closes: [1, 2]
        var flow = new Dataflow("sys");
        var inp = flow.input("inp", TestingSource.of(KV.of("a", 1), KV.of("a", 2)));
        var out = Windowing.collectWindow("w", inp, new SystemClock<Integer>(),
                new TumblingWindower(Duration.ofSeconds(10), START));
        out.down().output("down", new TestingSink<>(new ArrayList<>()));
        Shipment shipment = Shipment.of(flow.primitiveSteps());
        String stateful = flow.primitiveSteps().stream().filter(s -> s.primitive() instanceof Primitive.StatefulBatch)
                .map(Step::id).findFirst().orElseThrow();

        try (KeyedOneInputStreamOperatorTestHarness<Object, Object, Object> harness =
                     new KeyedOneInputStreamOperatorTestHarness<>(
                             new StatefulOperator(shipment.step(stateful), List.of()),
                             item -> ((KV<?, ?>) item).key(), TypeInformation.of(Object.class))) {
            harness.open();
            harness.setProcessingTime(START.toEpochMilli());
            harness.processElement(KV.of("a", 1), 0);
            harness.processElement(KV.of("a", 2), 0);
            harness.setProcessingTime(START.plusMillis(9_999).toEpochMilli());
            assertThat(downValues(harness.extractOutputValues())).isEmpty();

            harness.setProcessingTime(START.plusSeconds(10).toEpochMilli());
            assertThat(downValues(harness.extractOutputValues())).containsExactly(List.of(1, 2));
        }
    }

    /** The window values the stateful step emitted, whatever event wraps them. */
    private static List<Object> downValues(List<Object> emitted) {
        List<Object> values = new ArrayList<>();
        for (Object item : emitted) {
            Object event = ((KV<?, ?>) item).value();
            if (event.toString().contains("[1, 2]")) {
                values.add(List.of(1, 2));
            }
        }
        return values;
    }
}
