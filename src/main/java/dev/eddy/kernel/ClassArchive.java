package dev.eddy.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A class-data-sharing archive of the classes a kernel loads to start and run its first cell (JShell's compiler
 * included), made at install time with {@code -XX:ArchiveClassesAtExit} (Java 13 and later). A kernel started with
 * {@code -XX:SharedArchiveFile} maps those classes instead of loading and verifying them again. The archive is only
 * valid for the JDK and jar it was made with; a JDK that can't use it starts without it.
 */
final class ClassArchive {
    static final String FILE_NAME = "eddy-kernel.jsa";
    static final String WARM_UP_COMMAND = "warm-up";
    private static final long TIMEOUT_SECONDS = 180;
    private static final Logger LOG = Logger.getLogger(ClassArchive.class.getName());

    private ClassArchive() {
    }

    /**
     * Runs the installed kernel jar's warm-up under {@code java} with {@code jvmOptions} and writes the archive beside
     * the jar; empty if the JDK could not make one (then the kernel simply starts without it).
     */
    static Optional<Path> create(Path java, Path installedJar, List<String> jvmOptions) {
        Path archive = installedJar.resolveSibling(FILE_NAME);
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-XX:ArchiveClassesAtExit=" + archive);
        command.addAll(List.of("-jar", installedJar.toString(), WARM_UP_COMMAND));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                LOG.warning("class archive not made: the warm-up took over " + TIMEOUT_SECONDS + " s");
                return Optional.empty();
            }
            if (p.exitValue() == 0 && Files.isRegularFile(archive) && Files.size(archive) > 0) return Optional.of(archive);
            LOG.warning("class archive not made: the warm-up exited with " + p.exitValue());
        } catch (IOException e) {
            LOG.warning("class archive not made: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(archive);
        } catch (IOException ignored) {
            // a partial archive is refused by the JVM anyway
        }
        return Optional.empty();
    }

    /** What the archive records: JShell starting with the startup imports, a cell, its rendering, a completion. */
    static void warmUp() {
        EddyKernel kernel = new EddyKernel(KernelConfig.defaults());
        EvalResult result = kernel.runCell("int warm = 1 + 1;\nList.of(warm)", "warm-up");
        if (!(result instanceof EvalResult.Value v)) throw new IllegalStateException("warm-up cell failed: " + result);
        kernel.renderValue(v.value());
        kernel.complete("Math.ma", 7);
        kernel.isComplete("int a = ");
        kernel.onShutdown(false);
    }
}
