package dev.eddy.kernel;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's settings, read once from the environment at startup: Eddy's variables and IJava 1.3.0's, read as
 * IJava reads them (Eddy's first where both give a list).
 *
 * @param classpath       {@code EDDY_CLASSPATH} and {@code IJAVA_CLASSPATH}: globs of jars and folders, separated by
 *                        the path separator
 * @param compilerOptions {@code EDDY_COMPILER_OPTS} and {@code IJAVA_COMPILER_OPTS}: javac options for cells,
 *                        separated by spaces; double quotes keep an option with spaces together
 * @param startupScripts  {@code IJAVA_STARTUP_SCRIPTS_PATH}: globs of {@code .jshell} files run after the startup
 *                        imports, separated by the path separator
 * @param startupCode     {@code EDDY_STARTUP_SCRIPT} and {@code IJAVA_STARTUP_SCRIPT}: Java run after those files,
 *                        before the first cell
 * @param timeout         {@code IJAVA_TIMEOUT}: how long one top-level statement may run; milliseconds, or a number
 *                        and a {@link TimeUnit} such as {@code 30 SECONDS}; none when below 1
 */
record KernelConfig(List<String> classpath, List<String> compilerOptions, List<String> startupScripts,
                    List<String> startupCode, Optional<Duration> timeout) {
    private static final Pattern TIMEOUT = Pattern.compile("^(-?\\d+)\\W*([A-Za-z]+)?$");

    static KernelConfig fromEnvironment(Map<String, String> env) {
        List<String> classpath = new ArrayList<>(paths(env, "EDDY_CLASSPATH"));
        classpath.addAll(paths(env, "IJAVA_CLASSPATH"));
        List<String> options = new ArrayList<>(MagicDispatcher.tokenize(env.getOrDefault("EDDY_COMPILER_OPTS", "")));
        options.addAll(MagicDispatcher.tokenize(env.getOrDefault("IJAVA_COMPILER_OPTS", "")));
        List<String> code = new ArrayList<>();
        for (String key : List.of("EDDY_STARTUP_SCRIPT", "IJAVA_STARTUP_SCRIPT")) {
            String value = env.getOrDefault(key, "");
            if (!value.isBlank()) code.add(value);
        }
        String timeout = env.getOrDefault("IJAVA_TIMEOUT", "").strip();
        return new KernelConfig(List.copyOf(classpath), List.copyOf(options), paths(env, "IJAVA_STARTUP_SCRIPTS_PATH"),
                List.copyOf(code), timeout.isEmpty() ? Optional.empty() : timeout(timeout));
    }

    static KernelConfig defaults() {
        return new KernelConfig(List.of(), List.of(), List.of(), List.of(), Optional.empty());
    }

    /** {@code IJAVA_TIMEOUT}'s value as a duration; empty for none (below 1). */
    static Optional<Duration> timeout(String value) {
        Matcher m = TIMEOUT.matcher(value.strip());
        TimeUnit unit = TimeUnit.MILLISECONDS;
        try {
            if (!m.matches()) throw new IllegalArgumentException();
            if (m.group(2) != null) unit = TimeUnit.valueOf(m.group(2).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("IJAVA_TIMEOUT must be a number of milliseconds or a number and a"
                    + " TimeUnit such as '30 SECONDS'; got '" + value + "' instead");
        }
        long amount = Long.parseLong(m.group(1));
        return amount < 1 ? Optional.empty() : Optional.of(Duration.of(amount, unit.toChronoUnit()));
    }

    private static List<String> paths(Map<String, String> env, String key) {
        return Arrays.stream(env.getOrDefault(key, "").split(Pattern.quote(File.pathSeparator)))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
