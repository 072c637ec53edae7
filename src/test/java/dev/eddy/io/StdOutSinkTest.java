package dev.eddy.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StdOutSinkTest {

    private final PrintStream original = System.out;

    @AfterEach
    void restore() {
        System.setOut(original);
    }

    private static ByteArrayOutputStream capture() {
        var bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes;
    }

    @Test
    void printsEachItemsToStringOnItsOwnLine() {
        var out = capture();
        Dataflow flow = new Dataflow("print");
        flow.input("inp", TestingSource.of(List.of(1, 2, 3), 2)).map("label", x -> "item " + x)
                .output("out", new StdOutSink<>());

        Runner.runMain(flow);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("item 1\nitem 2\nitem 3\n".replace("\n",
                System.lineSeparator()));
    }

    @Test
    void writesToSystemOutAsItIsWhenEachBatchArrives() {
        var part = new StdOutSink<String>().build("eg.out", 0, 1);
        var firstCell = capture();
        part.writeBatch(List.of("first"));
        var secondCell = capture();
        part.writeBatch(List.of("second"));
        part.close();

        assertThat(firstCell.toString(StandardCharsets.UTF_8).strip()).isEqualTo("first");
        assertThat(secondCell.toString(StandardCharsets.UTF_8).strip()).isEqualTo("second");
    }
}
