package dev.eddy.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    void theNextCellRunsNormallyAfterAnInterrupt() throws Exception {
        assertInterrupted(interruptAfter("Thread.sleep(30_000);", 200));
        assertThat(((EvalResult.Value) evaluator.eval("6 * 7", "In[2]")).value()).isEqualTo(42);
    }

    @Test
    void anInterruptBetweenCellsDoesNotHitTheNextCell() {
        evaluator.interrupt();
        assertThat(((EvalResult.Value) evaluator.eval("1 + 1", "In[1]")).value()).isEqualTo(2);
    }
}
