package dev.eddy.runtime;

import java.util.List;

/**
 * One worker's side of a step that moves items between workers (a stateful step, {@code redistribute},
 * a partitioned sink): before the step runs, its inbox is dealt out by {@link Node#route}, the workers
 * meet, and each takes what every worker (itself included, in worker order) dealt it.
 */
final class Exchange {

    private final Crew crew;
    private final Crew.Point point;
    private final int self;
    /** Whether every worker's upstreams of the step had ended at the last exchange. */
    boolean allUpsDone;

    Exchange(Crew crew, Crew.Point point, int self) {
        this.crew = crew;
        this.point = point;
        this.self = self;
    }

    /**
     * Deals out the node's inbox and takes in what the workers dealt it. Always meets the others, even
     * when {@code deal} is false (the worker skips the rest of a failed or aborted activation: it sends
     * nothing) or routing fails; a routing failure is thrown after the meeting, the items before the
     * failing one sent.
     */
    void swap(Node node, boolean deal) {
        List<Object> items = node.drain();
        RuntimeException failure = null;
        if (deal) {
            List<Object>[] out = point.lanes[self];
            try {
                for (int i = 0, n = items.size(); i < n; i++) {
                    Object item = items.get(i);
                    out[node.route(item, crew.size, self)].add(item);
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        node.recycle(items);
        point.upsDone[self] = node.localUpsDone();
        crew.await(null);
        boolean all = true;
        for (int from = 0; from < crew.size; from++) {
            List<Object> lane = point.lanes[from][self];
            if (!lane.isEmpty()) {
                node.receiveAll(lane);
                lane.clear();
            }
            all &= point.upsDone[from];
        }
        allUpsDone = all;
        if (failure != null) {
            throw failure;
        }
    }
}
