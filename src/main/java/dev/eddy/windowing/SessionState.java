package dev.eddy.windowing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a session windower keeps per key, as Bytewax's {@code _SessionWindowerState}: the last id it
 * gave out ({@code -1} before the first session) and the open sessions in the order they opened.
 *
 * <pre>{@code
 * var state = new SessionState(0, Map.of(0L, new WindowMetadata(Instant.EPOCH, Instant.EPOCH)));
 * System.out.println(state.maxKey() + " " + state.sessions().keySet());
 * // 0 [0]
 * }</pre>
 *
 * @param maxKey the highest session id given out so far
 * @param sessions open sessions by id, in opening order
 */
public record SessionState(long maxKey, Map<Long, WindowMetadata> sessions) {

    public SessionState {
        sessions = Collections.unmodifiableMap(new LinkedHashMap<>(sessions));
    }
}
