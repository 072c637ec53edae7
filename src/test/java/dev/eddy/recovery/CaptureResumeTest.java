package dev.eddy.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.Stream;
import dev.eddy.notebook.Capture;
import dev.eddy.notebook.Results;
import dev.eddy.notebook.TableLimits;
import dev.eddy.runtime.RunOptions;
import dev.eddy.testing.TestingSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A notebook's {@link Capture} of a run with recovery says where a resumed run started and what it read again. */
class CaptureResumeTest {

    @TempDir
    Path dir;

    @Test
    void aResumedCaptureSaysWhichExecutionAndEpochItResumedFromAndWhereItsSourceReadsAgain() throws Exception {
        Path store = dir.resolve("store");
        Recovery.initDbDir(store, 1);
        RunOptions options = RunOptions.defaults().withEpochInterval(Duration.ZERO)
                .withRecovery(store, Duration.ZERO);
        Dataflow flow = new Dataflow("cap_resume");
        Stream<Object> inp = flow.input("inp",
                TestingSource.withMarkers(Object.class, 1, List.of(0, 1, 2, TestingSource.ABORT, 3, 4)));
        Capture capture = Capture.of(flow).stream("items", inp);

        Results first = capture.run(options);
        assertThat(first.items("items")).containsExactly(0, 1, 2);
        assertThat(first.resumed()).isEmpty();

        Results second = capture.run(options);
        assertThat(second.items("items")).containsExactly(3, 4);
        assertThat(second.resumed()).hasValueSatisfying(line -> assertThat(line)
                .contains("flow 'cap_resume' resumes from epoch ", " as execution 1 of recovery store " + store,
                        "read again: source 'cap_resume.inp' from "));
        assertThat(second.text(TableLimits.defaults()).lines().limit(2))
                .anySatisfy(line -> assertThat(line).startsWith("flow 'cap_resume' resumes from epoch "));
        assertThat(second.html(TableLimits.defaults())).contains("resumes from epoch");
        assertThat(second.toString()).endsWith(", resumed)");
    }
}
