package dev.eddy.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code java -jar eddy-kernel.jar <connection-file>} runs the kernel;
 * {@code install [--user | --prefix P | --sys-prefix] [--name eddy] [--display-name N] [--replace] [--java-opts OPTS]} and
 * {@code uninstall [same flags]} manage its kernelspec; {@code warm-up} (run by the installer) starts JShell and runs a
 * cell, to record the classes a kernel needs in a class-data-sharing archive.
 */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());
    /** basekernel logs every loop start and stop at INFO; held here so the level sticks. */
    private static final Logger BASEKERNEL_LOG = Logger.getLogger("io.github.spencerpark");

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(usage());
            System.exit(args.length == 0 ? 2 : 0);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "install" -> System.out.println("Installed kernelspec " + Installer.forRunningJar()
                        .install(InstallOptions.parse(rest)) + " (" + InstallOptions.DISPLAY_NAME + ")");
                case "uninstall" -> System.out.println("Removed kernelspec " + Installer.forRunningJar()
                        .uninstall(InstallOptions.parse(rest)));
                case ClassArchive.WARM_UP_COMMAND -> {
                    ClassArchive.warmUp();
                    System.exit(0);
                }
                default -> run(Path.of(args[0]));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("eddy-kernel: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(Path connectionFile) {
        JupyterSocket.JUPYTER_LOGGER.setLevel(Level.WARNING);
        BASEKERNEL_LOG.setLevel(Level.WARNING);
        KernelConnectionProperties props;
        JupyterConnection connection;
        try {
            String json = Files.readString(connectionFile);
            props = KernelConnectionProperties.parse(json);
            if (props == null || props.getTransport() == null || props.getIp() == null)
                throw new IllegalArgumentException("it has no transport or ip");
            connection = new JupyterConnection(props);
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "connection file must be a Jupyter connection JSON file; got " + connectionFile
                    + " instead: " + e.getMessage(), e);
            System.exit(1);
            return;
        }
        EddyKernel kernel = new EddyKernel(KernelConfig.fromEnvironment(System.getenv()));
        kernel.becomeHandlerForConnection(connection);
        try {
            connection.connect();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "kernel could not bind the ports named in " + connectionFile, e);
            System.exit(1);
        }
        ChannelGuard.protect(connection);
        connection.waitUntilClose();
        System.exit(0);
    }

    private static String usage() {
        return String.join("\n",
                "usage: java -jar eddy-kernel.jar <connection-file>",
                "       java -jar eddy-kernel.jar install [--user | --prefix P | --sys-prefix] [--name eddy]"
                        + " [--display-name NAME] [--replace] [--java-opts \"-Xmx8g ...\"]",
                "       java -jar eddy-kernel.jar uninstall [--user | --prefix P | --sys-prefix] [--name eddy]");
    }
}
