package dev.eddy.kernel;

import java.security.Permission;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stops {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} called from cell code (any thread in
 * {@link #CELLS}) from ending the kernel; they throw a {@link SecurityException} in the cell instead, naming the call
 * the cell made. Needs a JDK that still lets a program set a security manager (17 does; 18 to 23 need
 * {@code -Djava.security.manager=allow}, which the kernelspec passes).
 */
final class ExitGuard extends SecurityManager {
    static final ThreadGroup CELLS = new ThreadGroup("eddy-cells");
    private static final Logger LOG = Logger.getLogger(ExitGuard.class.getName());
    private static boolean installed;

    private ExitGuard() {
    }

    @SuppressWarnings("removal")
    static synchronized void install() {
        if (installed) return;
        installed = true;
        try {
            System.setSecurityManager(new ExitGuard());
        } catch (UnsupportedOperationException | SecurityException e) {
            LOG.log(Level.WARNING, "System.exit in a cell will end the kernel: this JDK refuses a security manager", e);
        }
    }

    static boolean isCellThread(Thread t) {
        for (ThreadGroup g = t.getThreadGroup(); g != null; g = g.getParent()) if (g == CELLS) return true;
        return false;
    }

    @Override
    public void checkExit(int status) {
        if (isCellThread(Thread.currentThread()))
            throw new SecurityException(caller() + "(" + status + ") must not be called in a notebook; "
                    + "it would end the kernel; use the front end's 'Restart kernel' instead");
    }

    /** Which of {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} asked to end the JVM. */
    private static String caller() {
        List<String> calls = StackWalker.getInstance().walk(frames -> frames
                .map(f -> f.getClassName() + "." + f.getMethodName())
                .filter(m -> m.startsWith("java.lang."))
                .limit(2)
                .toList());
        if (calls.isEmpty()) return "System.exit";
        String first = calls.get(0);
        if (first.equals("java.lang.Runtime.halt")) return "Runtime.halt";
        boolean viaSystem = calls.size() > 1 && calls.get(1).equals("java.lang.System.exit");
        return viaSystem || !first.equals("java.lang.Runtime.exit") ? "System.exit" : "Runtime.exit";
    }

    @Override
    public void checkPermission(Permission perm) {
        // everything else stays allowed
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        // everything else stays allowed
    }
}
