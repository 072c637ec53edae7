package dev.eddy.windowing;

import java.util.List;

/**
 * What a sliding or tumbling windower keeps per key: the ids of its open windows, in the order they
 * opened (the order they close in when several close at once).
 *
 * <pre>{@code
 * System.out.println(new SlidingState(List.of(3L, 4L)).openIds());
 * // [3, 4]
 * }</pre>
 *
 * @param openIds open window ids, oldest-opened first
 */
public record SlidingState(List<Long> openIds) {

    public SlidingState {
        openIds = List.copyOf(openIds);
    }
}
