package dev.eddy.notebook;

import dev.eddy.io.ClientSink;
import dev.eddy.io.DynamicSink;
import dev.eddy.io.StatelessSinkPartition;
import java.util.ArrayList;
import java.util.List;

/**
 * A sink that keeps what one stream produced, safe to read while the flow runs; with a limit it keeps only the
 * latest items, so an unbounded run holds bounded memory.
 */
final class CapturedItems implements DynamicSink<Object>, ClientSink {

    private int keepLast;
    private final List<Object> items = new ArrayList<>();
    /** The worker each kept item came from, parallel to {@code items}. */
    private final List<Integer> workers = new ArrayList<>();
    private long seen;
    private long version;
    /** The items a bounded recording may still take, shared by its captured streams; {@code null} when unbounded. */
    private Budget budget;

    /** @param keepLast how many of the latest items to keep; 0 keeps all */
    CapturedItems(int keepLast) {
        this.keepLast = keepLast;
    }

    @Override
    public StatelessSinkPartition<Object> build(String stepId, int workerIndex, int workerCount) {
        return batch -> append(batch, workerIndex);
    }

    void append(List<Object> batch) {
        append(batch, 0);
    }

    synchronized void append(List<Object> batch, int worker) {
        if (batch.isEmpty()) return;
        if (budget != null) {
            int granted = budget.take(batch.size());
            if (granted == 0) return;
            batch = batch.subList(0, granted);
        }
        items.addAll(batch);
        for (int i = 0; i < batch.size(); i++) workers.add(worker);
        seen += batch.size();
        version++;
        if (keepLast > 0 && items.size() >= 2 * keepLast) {
            items.subList(0, items.size() - keepLast).clear();
            workers.subList(0, workers.size() - keepLast).clear();
        }
    }

    synchronized void resize(int newKeepLast) {
        keepLast = newKeepLast;
    }

    /** Counts what arrives from now on against {@code shared}, or against nothing when it is {@code null}. */
    synchronized void limitTo(Budget shared) {
        budget = shared;
    }

    synchronized void clear() {
        items.clear();
        workers.clear();
        seen = 0;
        version++;
    }

    /** A copy of the kept items, oldest first. */
    synchronized List<Object> snapshot() {
        int from = keepLast > 0 ? Math.max(0, items.size() - keepLast) : 0;
        return new ArrayList<>(items.subList(from, items.size()));
    }

    /** A copy of the kept items and, in the same order, the worker each came from, taken at one moment. */
    synchronized Kept kept() {
        int from = keepLast > 0 ? Math.max(0, items.size() - keepLast) : 0;
        return new Kept(new ArrayList<>(items.subList(from, items.size())),
                new ArrayList<>(workers.subList(from, workers.size())));
    }

    record Kept(List<Object> items, List<Integer> workers) {
    }

    /** How many items arrived since the last clear, kept or not. */
    synchronized long seen() {
        return seen;
    }

    /** Changes whenever items arrive. */
    synchronized long version() {
        return version;
    }

    /** How many items a bounded recording may still capture, in all its streams together. */
    static final class Budget {
        private long left;
        private final Runnable onSpent;

        /** @param onSpent runs once, when the last item allowed was taken */
        Budget(long items, Runnable onSpent) {
            this.left = items;
            this.onSpent = onSpent;
        }

        /** Takes up to {@code wanted} items and says how many were granted. */
        int take(int wanted) {
            boolean spent;
            int granted;
            synchronized (this) {
                if (left == 0) return 0;
                granted = (int) Math.min(wanted, left);
                left -= granted;
                spent = left == 0;
            }
            if (spent) onSpent.run();
            return granted;
        }
    }
}
