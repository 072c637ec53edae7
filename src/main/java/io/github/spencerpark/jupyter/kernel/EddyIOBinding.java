package io.github.spencerpark.jupyter.kernel;

import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;

/**
 * Eddy's bridge to basekernel 2.3.0's package-private stream binding, so the Eddy kernel can run its own
 * {@code execute_request} handler (basekernel's is private) and still stream a cell's output and display data.
 */
public final class EddyIOBinding {
    private EddyIOBinding() {
    }

    /** Sends what {@code io} receives to the request behind {@code env}. */
    public static void attach(JupyterIO io, ShellReplyEnvironment env, boolean stdinEnabled) {
        io.setEnv(env);
        io.setJupyterInEnabled(stdinEnabled);
    }

    /** Stops sending to {@code env}; output written afterwards is dropped by basekernel. */
    public static void detach(JupyterIO io, ShellReplyEnvironment env) {
        io.retractEnv(env);
    }
}
