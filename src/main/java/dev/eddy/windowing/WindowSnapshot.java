package dev.eddy.windowing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A window operator's state for one key, as Bytewax's {@code _WindowSnapshot}: its clock's and
 * windower's states, each open window's logic state, and the values waiting for the watermark.
 *
 * <pre>{@code
 * var snap = new WindowSnapshot(null, null, Map.of(), List.of());
 * System.out.println(snap.queue().size());
 * // 0
 * }</pre>
 *
 * @param clockState the clock logic's snapshot
 * @param windowerState the windower logic's snapshot
 * @param logicStates each open window's logic snapshot, by window id
 * @param queue values not yet applied, in arrival order
 */
public record WindowSnapshot(Object clockState, Object windowerState, Map<Long, Object> logicStates,
                             List<Queued> queue) {

    /**
     * A value waiting for the watermark.
     *
     * @param value the value
     * @param timestamp its timestamp
     */
    public record Queued(Object value, Instant timestamp) {
    }
}
