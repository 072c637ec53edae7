package dev.eddy.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Makes sure one kernel's charts find plotly.js. By default it installs the library once where the Jupyter
 * server serves it ({@link PlotlyInstall}), and each chart loads it from there: every page that shows a chart,
 * a reloaded one or a second tab too, gets it, and a saved notebook holds no copy. With {@code EDDY_PLOTLY=inline}
 * in the kernel's environment it instead sends the library inline once per session, before the first chart,
 * for pages no Jupyter server serves (an executed notebook exported with nbconvert).
 */
final class PlotlySession {

    /** The environment variable that picks {@code inline}; anything else means served. */
    static final String MODE_VARIABLE = "EDDY_PLOTLY";

    private static final Set<PlotlySession> ALL = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private final Consumer<DisplayData> emit;
    private final Path installTo;
    private final AtomicBoolean sent = new AtomicBoolean();

    /**
     * @param emit shows a display output under the running cell
     * @param installTo where to install plotly.js for the server to serve, or {@code null} to send it inline
     */
    PlotlySession(Consumer<DisplayData> emit, Path installTo) {
        this.emit = emit;
        this.installTo = installTo;
        ALL.add(this);
    }

    /** A session in the mode the kernel's environment asks for. */
    static PlotlySession fromEnvironment(Consumer<DisplayData> emit) {
        boolean inline = "inline".equalsIgnoreCase(System.getenv(MODE_VARIABLE));
        return new PlotlySession(emit, inline ? null : PlotlyInstall.target());
    }

    /** Installs or emits the library unless this session already did. */
    void ensureSent() {
        if (!sent.compareAndSet(false, true)) return;
        if (installTo != null) {
            install();
            return;
        }
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

    private void install() {
        try {
            PlotlyInstall.ensureInstalled(installTo);
        } catch (IOException | RuntimeException e) {
            DisplayData note = new DisplayData();
            note.putText("plotly.js could not be installed for the Jupyter server at " + installTo + " (" + e
                    + "); charts show as pictures. Set " + MODE_VARIABLE + "=inline in the kernel's environment to"
                    + " send it inline instead");
            emit.accept(note);
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
