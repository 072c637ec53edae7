package dev.eddy.io;

import java.util.HashMap;
import java.util.Map;

/**
 * A test-only hook that crashes the JVM at a named point of a run, so that a crash test can kill a run
 * exactly where recovery is hardest instead of only at random moments. It is off unless the JVM was
 * started with {@code -Deddy.killPoint=NAME:N}: then the {@code N}-th time the run passes point
 * {@code NAME} the JVM halts at once with exit code {@link #EXIT_CODE} ({@link Runtime#halt}: no shutdown
 * hooks, no finalizers, no flushing, no closing of files or databases, as after a {@code kill -9}).
 *
 * <p>Each point is guarded by the constant {@link #ENABLED}, so a run without the property pays one
 * branch on a {@code static final} field that the JIT folds away:
 * <pre class="fragment">{@code
 * if (KillPoints.ENABLED) {
 *     KillPoints.hit(KillPoints.BEFORE_SNAPSHOT_COMMIT);
 * }
 * }</pre>
 */
public final class KillPoints {

    /** In the recovery store, after an epoch's snapshots are written and before the commit that finishes it. */
    public static final String BEFORE_SNAPSHOT_COMMIT = "before-snapshot-commit";
    /** In the recovery store, right after the commit that finishes an epoch, before old snapshots go. */
    public static final String AFTER_SNAPSHOT_COMMIT = "after-snapshot-commit";
    /** In {@code FileSink}, when half the bytes of a batch are written and the rest are not. */
    public static final String SINK_MID_BATCH = "sink-mid-batch";

    /** The exit code of a JVM halted at a kill point. */
    public static final int EXIT_CODE = 86;

    private static final String PROPERTY = "eddy.killPoint";
    private static final String POINT;
    private static final long AT_HIT;

    /** Whether a kill point was asked for; {@code false} in every normal run. */
    public static final boolean ENABLED;

    static {
        String spec = System.getProperty(PROPERTY);
        if (spec == null) {
            POINT = null;
            AT_HIT = 0;
        } else {
            int colon = spec.lastIndexOf(':');
            long at;
            try {
                at = colon < 0 ? 0 : Long.parseLong(spec.substring(colon + 1));
            } catch (NumberFormatException e) {
                at = 0;
            }
            if (colon <= 0 || at < 1) {
                throw new IllegalArgumentException("system property " + PROPERTY + " must be NAME:N with N a hit"
                        + " count from 1; got '" + spec + "' instead; e.g. -D" + PROPERTY + "="
                        + BEFORE_SNAPSHOT_COMMIT + ":3");
            }
            POINT = spec.substring(0, colon);
            AT_HIT = at;
        }
        ENABLED = POINT != null;
    }

    private static final Map<String, Long> HITS = new HashMap<>();

    private KillPoints() {
    }

    /**
     * Passes point {@code name}: halts the JVM if this is the hit the property asked for. Call it only
     * under {@code if (KillPoints.ENABLED)}.
     */
    public static synchronized void hit(String name) {
        long n = HITS.merge(name, 1L, Long::sum);
        if (name.equals(POINT) && n == AT_HIT) {
            System.err.println("kill point " + name + " hit " + n + ": halting");
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }
}
