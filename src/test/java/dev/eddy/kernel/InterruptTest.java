package dev.eddy.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class InterruptTest {
    private static Evaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new Evaluator(List.of());
        evaluator.eval("0", "warm-up");
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static EvalResult interruptAfter(String code, long millis) throws Exception {
        CompletableFuture<EvalResult> cell = CompletableFuture.supplyAsync(() -> evaluator.eval(code, "In[1]"));
        Thread.sleep(millis);
        evaluator.interrupt();
        return cell.get(10, TimeUnit.SECONDS);
    }

    private static void assertInterrupted(EvalResult result) {
        assertThat(result).isInstanceOf(EvalResult.Thrown.class);
        assertThat(((EvalResult.Thrown) result).exception()).isInstanceOf(InterruptedException.class)
                .hasMessage("cell was interrupted");
    }

    @Test
    void interruptStopsASleepingCell() throws Exception {
        long start = System.nanoTime();
        assertInterrupted(interruptAfter("Thread.sleep(30_000);", 300));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    }

    @Test
    void interruptStopsABusyLoopAndItsThread() throws Exception {
        evaluator.eval("long spins = 0;", "In[1]");
        assertInterrupted(interruptAfter("while (true) { spins++; }", 300));
        Thread.sleep(CellControl.STOP_GRACE_MILLIS + 500);
        Object first = ((EvalResult.Value) evaluator.eval("spins", "In[2]")).value();
        Thread.sleep(200);
        Object second = ((EvalResult.Value) evaluator.eval("spins", "In[3]")).value();
        assertThat(second).as("the loop's thread was stopped").isEqualTo(first);
    }

    @Test
    void interruptDuringCompilationIsNotLost() throws Exception {
        // a big cell compiles for a while; the interrupt lands before its snippets run
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < 40; i++) cell.append("class Big").append(i).append(" { int f() { return ").append(i).append("; } }\n");
        cell.append("Thread.sleep(20_000);");
        long start = System.nanoTime();
        assertInterrupted(interruptAfter(cell.toString(), 50));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(15_000);
    }

    @Test
    void aCellThatReturnsNormallyAfterTheInterruptEndsWithItsValueAndANote() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream notes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(notes, true, StandardCharsets.UTF_8));
        EvalResult result;
        try {
            result = interruptAfter("""
                    java.util.function.IntSupplier waitThenAnswer = () -> {
                        try { Thread.sleep(30_000); return 0; } catch (InterruptedException e) { return 42; }
                    };
                    waitThenAnswer.getAsInt()""", 500);
        } finally {
            System.setErr(err);
        }
        assertThat(result).isInstanceOf(EvalResult.Value.class);
        assertThat(((EvalResult.Value) result).value()).isEqualTo(42);
        assertThat(notes.toString(StandardCharsets.UTF_8)).contains("note: In[1] was interrupted");
    }

    @Test
    void aCellThatDiesFromTheInterruptStillEndsInInterruptedException() throws Exception {
        assertInterrupted(interruptAfter("""
                java.util.function.IntSupplier waitThenFail = () -> {
                    try { Thread.sleep(30_000); return 0; }
                    catch (InterruptedException e) { throw new IllegalStateException("woken"); }
                };
                waitThenFail.getAsInt()""", 500));
    }

    @Test
    void theNextCellRunsNormallyAfterAnInterrupt() throws Exception {
        assertInterrupted(interruptAfter("Thread.sleep(30_000);", 200));
        assertThat(((EvalResult.Value) evaluator.eval("6 * 7", "In[2]")).value()).isEqualTo(42);
    }

    @Test
    void anInterruptBetweenCellsDoesNotHitTheNextCell() {
        evaluator.interrupt();
        assertThat(((EvalResult.Value) evaluator.eval("1 + 1", "In[1]")).value()).isEqualTo(2);
    }

    @Test
    void aThreadThatSurvivesInterruptIsReportedAsStillRunningAndNamedAtTheNextCellsUntilItEnds() throws Exception {
        // swallows ThreadDeath; the finally block starts the loop again if a stop lands outside the try
        evaluator.eval("""
                java.util.concurrent.atomic.AtomicBoolean quit = new java.util.concurrent.atomic.AtomicBoolean();
                void spin() {
                    try { while (!quit.get()) { try { Thread.onSpinWait(); } catch (Throwable t) { } } }
                    catch (Throwable t) { }
                    finally { if (!quit.get()) spin(); }
                }
                """, "In[1]");
        EvalResult result = interruptAfter("spin();", 300);
        assertThat(((EvalResult.Thrown) result).exception()).isInstanceOf(InterruptedException.class)
                .hasMessageContaining("cell was interrupted, but its thread eddy-cell-")
                .hasMessageContaining("is still running in the background")
                .hasMessageContaining("restart the kernel to end it");
        String thread = ((EvalResult.Thrown) result).exception().getMessage().split("its thread ")[1].split(" ")[0];

        assertThat(stderrOf("6 * 7", "In[3]")).contains("note: thread " + thread + " of In[1]")
                .contains("is still running in the background; restart the kernel to end it");
        evaluator.eval("quit.set(true);", "In[4]");
        Thread.sleep(500);
        assertThat(stderrOf("1", "In[5]")).contains("note: thread " + thread + " of In[1]").endsWith("has ended\n");
        assertThat(stderrOf("2", "In[6]")).isEmpty();
    }

    private static String stderrOf(String code, String label) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            evaluator.eval(code, label);
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
