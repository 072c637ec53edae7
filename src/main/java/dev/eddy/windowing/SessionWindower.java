package dev.eddy.windowing;

import java.time.Duration;

/**
 * Sessions of activity separated by quiet gaps, as Bytewax's {@code SessionWindower}: a value within
 * {@code gap} of a session (a gap of exactly {@code gap} included) joins it; a session that comes
 * within {@code gap} of another merges into the earlier-opening one, which records it in
 * {@code mergedIds}. Ids count from 0 per key. A session closes once the watermark passes its last
 * timestamp by more than {@code gap}; late values are reported with id {@code -1}.
 *
 * <pre>{@code
 * var logic = new SessionWindower(Duration.ofSeconds(10)).build(null);
 * var ids = new WindowIds();
 * logic.openFor(Micros.of(Instant.parse("2024-01-01T09:00:00Z")), ids);
 * logic.openFor(Micros.of(Instant.parse("2024-01-01T09:00:10Z")), ids);
 * System.out.println(ids);
 * // [0, 0]
 * }</pre>
 *
 * @param gap the longest quiet time within a session; zero or more
 */
public record SessionWindower(Duration gap) implements Windower<SessionState> {

    /** The id late values get, Bytewax's {@code LATE_SESSION_ID}. */
    public static final long LATE_SESSION_ID = -1;

    public SessionWindower {
        Check.duration(gap, "SessionWindower gap", true, null);
    }

    @Override
    public WindowerLogic<SessionState> build(SessionState resumeState) {
        return new SessionWindowerLogic(Micros.of(gap), resumeState);
    }
}
