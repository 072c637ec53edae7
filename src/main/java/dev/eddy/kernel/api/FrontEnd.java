package dev.eddy.kernel.api;

import dev.eddy.kernel.EddyKernel;

/**
 * What a library can know about the front end showing its outputs, from the requests it sends.
 * <pre class="fragment">{@code
 * boolean vsCode = FrontEnd.isVsCode();   // true while VS Code runs the cells
 * }</pre>
 */
public final class FrontEnd {

    private FrontEnd() {
    }

    /**
     * The username in the latest cell's request header: VS Code sends {@code vscode}; JupyterLab, Notebook and
     * {@code jupyter_client} send the user's name or nothing. {@code ""} outside the Eddy kernel or before a cell.
     */
    public static String clientName() {
        try {
            return Display.getKernelInstance() instanceof EddyKernel eddy ? eddy.clientName() : "";
        } catch (IllegalStateException noKernel) {
            return "";
        }
    }

    /**
     * Whether VS Code runs the cells. Its notebook shows outputs in a webview that no Jupyter server serves, so
     * an output can't load files from a server there.
     */
    public static boolean isVsCode() {
        return "vscode".equalsIgnoreCase(clientName());
    }
}
