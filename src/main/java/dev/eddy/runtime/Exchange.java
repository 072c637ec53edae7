package dev.eddy.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One worker's side of a step that moves items between workers (a stateful step, {@code redistribute},
 * a partitioned sink): before the step runs, its inbox is dealt out by {@link Node#route}. In lockstep the
 * workers then meet and each takes what every worker (itself included, in worker order) dealt it; running
 * free ({@link #pass}), each sends its chunks down bounded channels and takes whatever has arrived, without
 * waiting for anyone unless a channel is full.
 */
final class Exchange {

    /** How long a sender waits on a full channel before looking again, if no one wakes it sooner. */
    private static final long FULL_WAIT_NANOS = 200_000;

    private final Crew crew;
    private final Crew.Point point;
    private final int self;
    /** Whether every worker's upstreams of the step had ended at the last exchange. */
    boolean allUpsDone;
    /** Every exchange of this worker, this one included: a sender waiting on a full channel drains them all. */
    List<Exchange> siblings = List.of(this);
    /** Running free, chunks taken from the channels while this worker waited to send, not yet handed on. */
    private final List<List<Object>> backlog = new ArrayList<>();
    /** Running free, whether this worker has told every other that its upstreams of the step ended. */
    private boolean endSent;
    /** Running free, each receiver's chunk of the activation under way. */
    private final List<Object>[] outs;

    @SuppressWarnings("unchecked")
    Exchange(Crew crew, Crew.Point point, int self) {
        this.crew = crew;
        this.point = point;
        this.self = self;
        this.outs = new List[crew.size];
    }

    /**
     * Running free: deals out the node's inbox, sends each other worker its chunk, and puts into the inbox
     * what this worker dealt itself and every chunk that has arrived (oldest first per sender). The step's
     * upstreams count as ended once every worker said so and its channel here is empty. A full channel
     * makes this worker wait, taking in what is sent to it meanwhile, so two workers sending to each other
     * never wait on each other. A routing failure is thrown after the sending, the items before the failing
     * one sent.
     *
     * @throws Crew.Broken when the run is halted while this worker waits on a full channel
     */
    void pass(Node node, boolean deal) {
        List<Object> items = node.drain();
        List<Object> mine = List.of();
        sentWhole = false;
        dealFailure = null;
        if (deal && !items.isEmpty()) {
            mine = deal(node, items);
        }
        for (int to = 0; to < outs.length; to++) {
            List<Object> chunk = outs[to];
            if (chunk != null) {
                outs[to] = null;
                send(point.channels[self][to], chunk, to);
            }
        }
        boolean localDone = node.localUpsDone();
        if (localDone && !endSent) {
            endSent = true;
            for (int to = 0; to < crew.size; to++) {
                if (to != self) {
                    point.channels[self][to].ended = true;
                    crew.wake(to);
                }
            }
        }
        if (!mine.isEmpty()) {
            node.receiveAll(mine);
        }
        if (!sentWhole) {
            node.recycle(items);
        }
        boolean ended = localDone;
        for (int from = 0; from < crew.size; from++) {
            if (from != self) {
                // Read the mark first: once it is seen, every chunk sent before it is in the queue.
                ended &= point.channels[from][self].ended;
            }
        }
        take();
        received = !backlog.isEmpty();
        for (int i = 0, n = backlog.size(); i < n; i++) {
            node.receiveAll(backlog.get(i));
        }
        backlog.clear();
        allUpsDone = ended;
        if (dealFailure != null) {
            RuntimeException failure = dealFailure;
            dealFailure = null;
            throw failure;
        }
    }

    /** Whether a chunk from another worker came in at the last {@link #pass}: progress for the receiver. */
    boolean received;
    /** Whether the last {@link #pass} sent the inbox list itself as a chunk, so it must not be recycled. */
    private boolean sentWhole;
    /** A routing failure of the last {@link #deal}, thrown once the items before it are sent. */
    private RuntimeException dealFailure;
    /** Each item's receiver in the batch being dealt; reused. */
    private int[] routes = new int[16];

    /**
     * Routes each item into its receiver's chunk in {@link #outs}; returns what stays here. When every item
     * goes to one other worker, the inbox list itself is the chunk, uncopied. A routing failure is kept in
     * {@link #dealFailure}, the items before the failing one dealt.
     */
    private List<Object> deal(Node node, List<Object> items) {
        int n = items.size();
        if (routes.length < n) {
            routes = new int[Math.max(n, routes.length * 2)];
        }
        int[] to = routes;
        int count = n;
        boolean same = true;
        for (int i = 0; i < n; i++) {
            try {
                to[i] = node.route(items.get(i), crew.size, self);
            } catch (RuntimeException e) {
                dealFailure = e;
                count = i;
                same = false;
                break;
            }
            same &= to[i] == to[0];
        }
        if (same) {
            if (to[0] == self) {
                return items;
            }
            outs[to[0]] = items;
            sentWhole = true;
            return List.of();
        }
        List<Object> mine = new ArrayList<>(share(count));
        for (int i = 0; i < count; i++) {
            (to[i] == self ? mine : out(to[i], count - i)).add(items.get(i));
        }
        return mine;
    }

    /** Room for one worker's share of {@code items} routed items, with some over, so a chunk rarely grows. */
    private int share(int items) {
        return items / crew.size + items / 16 + 16;
    }

    private List<Object> out(int to, int remaining) {
        List<Object> chunk = outs[to];
        if (chunk == null) {
            chunk = new ArrayList<>(share(remaining));
            outs[to] = chunk;
        }
        return chunk;
    }

    /** Puts a chunk in a channel, waiting while it is full and taking in, meanwhile, what is sent here. */
    private void send(Crew.Channel channel, List<Object> chunk, int to) {
        while (!channel.chunks.offer(chunk)) {
            for (Exchange sibling : siblings) {
                sibling.take();
            }
            if (crew.halted()) {
                throw new Crew.Broken();
            }
            LockSupport.parkNanos(this, FULL_WAIT_NANOS);
        }
        crew.wake(to);
    }

    /** Moves every chunk that arrived here into {@link #backlog}, waking the senders it made room for. */
    private void take() {
        for (int from = 0; from < crew.size; from++) {
            if (from == self) {
                continue;
            }
            Crew.Channel channel = point.channels[from][self];
            boolean took = false;
            for (List<Object> chunk; (chunk = channel.chunks.poll()) != null; ) {
                backlog.add(chunk);
                took = true;
            }
            if (took) {
                crew.wake(from);
            }
        }
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
