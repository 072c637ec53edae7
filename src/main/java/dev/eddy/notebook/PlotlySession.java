package dev.eddy.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Sends plotly.js to one kernel's front end once, before the first interactive chart. */
final class PlotlySession {

    private static final Set<PlotlySession> ALL = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private final Consumer<DisplayData> emit;
    private final AtomicBoolean sent = new AtomicBoolean();

    /** @param emit shows a display output under the running cell */
    PlotlySession(Consumer<DisplayData> emit) {
        this.emit = emit;
        ALL.add(this);
    }

    /** Emits the library unless this session already did. */
    void ensureSent() {
        if (!sent.compareAndSet(false, true)) return;
        DisplayData library = new DisplayData();
        library.putHTML(PlotlyLibrary.html());
        library.putText(PlotlyLibrary.version() + " loaded for interactive charts");
        try {
            emit.accept(library);
        } catch (RuntimeException e) {
            sent.set(false);
            throw e;
        }
    }

    boolean isSent() {
        return sent.get();
    }

    /** Makes every session send the library again with its next chart. */
    static void resendAll() {
        synchronized (ALL) {
            ALL.forEach(s -> s.sent.set(false));
        }
    }
}
