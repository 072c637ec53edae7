package dev.eddy.notebook;

import dev.eddy.kernel.api.FrontEnd;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Makes sure one kernel's charts find plotly.js. For a front end on a Jupyter server (JupyterLab, Notebook 7) it
 * installs the library once where the server serves it ({@link PlotlyInstall}), and each chart loads it from
 * there: every page that shows a chart, a reloaded one or a second tab too, gets it, and a saved notebook holds
 * no copy. For a front end no Jupyter server serves (VS Code, which names itself in its requests) it sends the
 * library inline once per session, before the first chart, and VS Code keeps that output with the notebook.
 * {@code EDDY_PLOTLY=inline} in the kernel's environment sends it inline for every front end (pages exported
 * with nbconvert); {@code EDDY_PLOTLY=served} never does.
 */
final class PlotlySession {

    /** The environment variable that picks {@code inline}; anything else means served. */
    static final String MODE_VARIABLE = "EDDY_PLOTLY";

    private static final Set<PlotlySession> ALL = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private final Consumer<DisplayData> emit;
    private final Path installTo;
    private final BooleanSupplier serverless;
    private final AtomicBoolean installed = new AtomicBoolean();
    private final AtomicBoolean sent = new AtomicBoolean();

    /**
     * @param emit shows a display output under the running cell
     * @param installTo where to install plotly.js for the server to serve, or {@code null} to send it inline
     */
    PlotlySession(Consumer<DisplayData> emit, Path installTo) {
        this(emit, installTo, () -> false);
    }

    /**
     * @param serverless whether the front end running the current cell has no Jupyter server to load from
     */
    PlotlySession(Consumer<DisplayData> emit, Path installTo, BooleanSupplier serverless) {
        this.emit = emit;
        this.installTo = installTo;
        this.serverless = serverless;
        ALL.add(this);
    }

    /** A session in the mode the kernel's environment asks for, or chosen per front end when it asks for none. */
    static PlotlySession fromEnvironment(Consumer<DisplayData> emit) {
        String mode = System.getenv(MODE_VARIABLE);
        if ("inline".equalsIgnoreCase(mode)) return new PlotlySession(emit, null);
        if ("served".equalsIgnoreCase(mode)) return new PlotlySession(emit, PlotlyInstall.target());
        return new PlotlySession(emit, PlotlyInstall.target(), FrontEnd::isVsCode);
    }

    /** Installs or emits the library, as the current front end needs it, unless this session already did. */
    void ensureSent() {
        if (installTo == null || serverless.getAsBoolean()) {
            sendInline();
        } else if (installed.compareAndSet(false, true)) {
            install();
        }
    }

    private void sendInline() {
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
        return sent.get() || installed.get();
    }

    /** Makes every session send the library again with its next chart. */
    static void resendAll() {
        synchronized (ALL) {
            ALL.forEach(s -> {
                s.sent.set(false);
                s.installed.set(false);
            });
        }
    }
}
