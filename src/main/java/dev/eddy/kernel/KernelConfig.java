package dev.eddy.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The kernel's settings, read once from the environment at startup.
 *
 * @param classpath       {@code EDDY_CLASSPATH}: globs of jars and folders, separated by the path separator
 * @param compilerOptions {@code EDDY_COMPILER_OPTS}: javac options for cells, separated by spaces
 * @param startupCode     {@code EDDY_STARTUP_SCRIPT}: Java run after the startup imports, before the first cell
 */
record KernelConfig(List<String> classpath, List<String> compilerOptions, String startupCode) {

    static KernelConfig fromEnvironment(Map<String, String> env) {
        return new KernelConfig(
                split(env.getOrDefault("EDDY_CLASSPATH", ""), java.io.File.pathSeparator),
                split(env.getOrDefault("EDDY_COMPILER_OPTS", ""), " "),
                env.getOrDefault("EDDY_STARTUP_SCRIPT", ""));
    }

    static KernelConfig defaults() {
        return new KernelConfig(List.of(), List.of(), "");
    }

    private static List<String> split(String value, String separator) {
        return Arrays.stream(value.split(java.util.regex.Pattern.quote(separator)))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
