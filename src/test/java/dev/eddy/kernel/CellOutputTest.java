package dev.eddy.kernel;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CellOutputTest {
    private record Sent(boolean stdout, String text) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    /** Sends at 64 bytes gathered (the timer is too slow to matter here); head 100 bytes, tail 40. */
    private CellOutput attached() {
        PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
        CellOutput output = new CellOutput(new CellOutput.Limits(64, 60_000, 100, 40), logStream, logStream);
        output.attach((stdout, text) -> sent.add(new Sent(stdout, text)));
        return output;
    }

    private String all() {
        return sent.stream().map(Sent::text).collect(Collectors.joining());
    }

    private static String lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }

    @Test
    void linesGatherIntoOneMessageUntilTheSizeIsReached() {
        CellOutput output = attached();
        for (int i = 0; i < 12; i++) output.out.println("line " + i);
        assertThat(sent).hasSize(1);  // sent once 64 bytes had gathered, with "line 9"
        output.drain();
        assertThat(sent).hasSize(2);
        assertThat(all()).isEqualTo(lines(0, 12));
    }

    @Test
    void aSwitchBetweenStdoutAndStderrSendsWhatWasGatheredSoOrderIsKept() {
        CellOutput output = attached();
        output.out.println("a");
        output.err.println("b");
        output.out.println("c");
        output.drain();
        assertThat(sent).containsExactly(new Sent(true, "a\n"), new Sent(false, "b\n"), new Sent(true, "c\n"));
    }

    @Test
    void pastTheHeadOnlyTheTailIsKeptAndANoteSaysHowMuchWasCut() {
        CellOutput output = attached();
        for (int i = 0; i < 100; i++) output.out.println("line " + i);
        output.drain();
        assertHeadNotesAndTail();
    }

    @Test
    void aSingleWriteLongerThanHeadAndTailIsCutAsManyLinesAre() {
        CellOutput output = attached();
        output.out.print(lines(0, 100));
        output.drain();
        assertHeadNotesAndTail();
    }

    private void assertHeadNotesAndTail() {
        List<Sent> notes = sent.stream().filter(s -> !s.stdout()).toList();
        assertThat(notes).hasSize(2);
        String text = all();
        String head = text.substring(0, text.indexOf(notes.get(0).text()));
        String tail = text.substring(text.indexOf(notes.get(1).text()) + notes.get(1).text().length());
        assertThat(head).isEqualTo(lines(0, 13));   // 10 lines of 7 bytes and 3 of 8 fit in 100
        assertThat(tail).isEqualTo(lines(95, 100)); // 5 lines of 8 bytes fit in 40
        assertThat(notes.get(0).text()).contains("passed 100 bytes", "last 40 bytes");
        int cutLines = 100 - 13 - 5;
        int cutBytes = lines(13, 95).length();
        assertThat(notes.get(1).text()).contains(cutLines + " lines (" + cutBytes + " bytes) cut here");
    }

    @Test
    void aTailThatWouldStartInsideALineStartsAtTheNextLine() {
        CellOutput output = attached();
        output.out.print(lines(0, 13));          // 94 bytes of head
        output.out.print("x".repeat(50) + "\n");  // held, then cut to its last 40 bytes: a line's end
        output.out.print("last\n");
        output.drain();
        assertThat(all()).startsWith(lines(0, 13)).endsWith("cut here; a cell shows the first 100 bytes and the last "
                + "40 bytes of its output]\nlast\n");
    }

    @Test
    void eachDrainStartsTheCountAfresh() {
        CellOutput output = attached();
        output.out.print(lines(0, 30));
        output.drain();
        sent.clear();
        output.out.print(lines(0, 10));
        output.drain();
        assertThat(all()).isEqualTo(lines(0, 10));
    }

    @Test
    void aCharacterIsNeverSplitBetweenMessages() {
        CellOutput output = attached();
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 69; i++) output.out.write(euro[i % 3 == 0 ? 0 : i % 3 == 1 ? 1 : 2]);
        output.drain();
        assertThat(sent).allSatisfy(s -> assertThat(s.text()).doesNotContain("\uFFFD"));
        assertThat(sent.size()).isGreaterThan(1);
    }

    @Test
    void outputWrittenWhileNoCellIsAttachedGoesToTheLog() {
        CellOutput output = attached();
        output.out.println("in the cell");
        output.detach();
        output.out.println("after the cell");
        assertThat(all()).isEqualTo("in the cell\n");
        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("after the cell\n");
    }

    @Test
    void gatheredOutputIsSentAfterTheFlushInterval() throws Exception {
        PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
        CellOutput output = new CellOutput(new CellOutput.Limits(1024, 20, 4096, 1024), logStream, logStream);
        List<String> texts = new java.util.concurrent.CopyOnWriteArrayList<>();
        output.attach((stdout, text) -> texts.add(text));
        output.out.println("soon");
        for (int i = 0; i < 200 && texts.isEmpty(); i++) Thread.sleep(10);
        assertThat(texts).containsExactly("soon\n");
    }
}
