package dev.eddy.kernel;

import java.security.Permission;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stops {@code System.exit} and {@code Runtime.halt} called from cell code (any thread in {@link #CELLS}) from ending
 * the kernel; they throw a {@link SecurityException} in the cell instead. Needs a JDK that still lets a program set a
 * security manager (17 does; 18 to 23 need {@code -Djava.security.manager=allow}, which the kernelspec passes).
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
            throw new SecurityException("System.exit(" + status + ") must not be called in a notebook; "
                    + "it would end the kernel; use the front end's 'Restart kernel' instead");
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
