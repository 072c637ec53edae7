package dev.eddy.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and under which name to install the kernelspec, parsed from
 * {@code [--user | --prefix P | --sys-prefix] [--name eddy] [--display-name NAME] [--replace] [--java-opts "OPTS"]}.
 * {@code --java-opts} are JVM options for the kernel, such as {@code "-Xmx8g -ea"}, after the defaults so they win.
 */
record InstallOptions(Target target, Path prefix, String name, String displayName, boolean replace,
                      List<String> javaOptions) {
    static final String DEFAULT_NAME = "eddy";
    static final String DISPLAY_NAME = "Java (Eddy)";

    enum Target { USER, PREFIX, SYS_PREFIX }

    static InstallOptions parse(List<String> args) {
        Target target = null;
        Path prefix = null;
        String name = DEFAULT_NAME;
        String displayName = DISPLAY_NAME;
        boolean replace = false;
        List<String> javaOptions = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--user" -> target = only(target, Target.USER);
                case "--sys-prefix" -> target = only(target, Target.SYS_PREFIX);
                case "--prefix" -> {
                    target = only(target, Target.PREFIX);
                    prefix = Path.of(value(args, ++i, arg));
                }
                case "--name" -> name = value(args, ++i, arg);
                case "--display-name" -> displayName = value(args, ++i, arg);
                case "--replace" -> replace = true;
                case "--java-opts" -> {
                    String opts = value(args, ++i, arg);
                    for (String o : MagicDispatcher.tokenize(opts)) {
                        if (!o.startsWith("-"))
                            throw new IllegalArgumentException("--java-opts must be JVM options each starting with '-';"
                                    + " got '" + o + "' in '" + opts + "' instead");
                        javaOptions.add(o);
                    }
                }
                default -> throw new IllegalArgumentException("install option must be one of --user, --prefix P, "
                        + "--sys-prefix, --name N, --display-name N, --replace, --java-opts OPTS; got '" + arg
                        + "' instead");
            }
        }
        if (!name.matches("[A-Za-z0-9._-]+"))
            throw new IllegalArgumentException("--name must use only letters, digits, '.', '_' and '-'; got '"
                    + name + "' instead");
        return new InstallOptions(target == null ? Target.USER : target, prefix, name, displayName, replace,
                List.copyOf(javaOptions));
    }

    private static Target only(Target current, Target next) {
        if (current != null && current != next)
            throw new IllegalArgumentException("install must get one of --user, --prefix and --sys-prefix; got both "
                    + current + " and " + next + " instead");
        return next;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || (args.get(i).startsWith("--") && !option.equals("--java-opts")))
            throw new IllegalArgumentException(option + " must be followed by a value; got none instead");
        return args.get(i);
    }
}
