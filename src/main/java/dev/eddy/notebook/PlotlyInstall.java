package dev.eddy.notebook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/**
 * Puts the vendored plotly.js where the Jupyter server serves it to every page, so a chart's HTML can load it by
 * URL instead of carrying it: {@code <jupyter data dir>/labextensions/eddy-plotly/static/plotly-<version>.min.js},
 * which JupyterLab 4 and Notebook 7 serve at {@code <fullLabextensionsUrl>/eddy-plotly/static/...} (the page names
 * that URL in its {@code jupyter-config-data}). The directory has no {@code package.json}, so JupyterLab loads no
 * extension from it; it only serves the file. The file name carries the version, so charts saved by an older Eddy
 * keep finding theirs.
 */
final class PlotlyInstall {

    static final String EXTENSION = "eddy-plotly";

    private PlotlyInstall() {
    }

    /** The file's name, from the vendored version: {@code plotly-4.1.2.min.js}. */
    static String fileName() {
        String version = PlotlyLibrary.version();
        String number = version.substring(version.lastIndexOf(' ') + 1).replaceAll("[^0-9A-Za-z.-]", "_");
        return "plotly-" + number + ".min.js";
    }

    /** The path below the server's labextensions URL. */
    static String urlPath() {
        return EXTENSION + "/static/" + fileName();
    }

    /**
     * Jupyter's per-user data directory, as {@code jupyter --data-dir} finds it for the server that started this
     * kernel (a kernel inherits the server's environment): {@code JUPYTER_DATA_DIR}, else the platform's default.
     */
    static Path dataDir(Map<String, String> env, String os, Path home) {
        String set = env.get("JUPYTER_DATA_DIR");
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        String name = os.toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return appData != null ? Path.of(appData, "jupyter") : home.resolve("AppData/Roaming/jupyter");
        }
        if (name.startsWith("mac")) {
            boolean platformDirs = "1".equals(env.get("JUPYTER_PLATFORM_DIRS"));
            return platformDirs ? home.resolve("Library/Application Support/Jupyter") : home.resolve("Library/Jupyter");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("jupyter");
    }

    /** Where this kernel installs the file. */
    static Path target() {
        return dataDir(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")))
                .resolve("labextensions").resolve(EXTENSION).resolve("static").resolve(fileName());
    }

    /**
     * Writes the file unless it is there with the right size already; writes to a temporary file and moves it in,
     * so a page never loads half a library.
     *
     * @return the installed file
     * @throws IOException when the directory can't be written
     */
    static Path ensureInstalled(Path file) throws IOException {
        byte[] lib;
        try (InputStream in = PlotlyInstall.class.getResourceAsStream(PlotlyLibrary.RESOURCE)) {
            if (in == null) {
                throw new IOException("plotly.js resource " + PlotlyLibrary.RESOURCE + " must be in the jar; got none"
                        + " instead");
            }
            lib = in.readAllBytes();
        }
        if (Files.isRegularFile(file) && Files.size(file) == lib.length) {
            return file;
        }
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".plotly", ".tmp");
        try {
            Files.write(temp, lib);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return file;
    }
}
