package dev.eddy.notebook;

import dev.eddy.io.DynamicSink;
import dev.eddy.io.StatelessSinkPartition;
import java.util.ArrayList;
import java.util.List;

/**
 * A sink that keeps what one stream produced, safe to read while the flow runs; with a limit it keeps only the
 * latest items, so an unbounded run holds bounded memory.
 */
final class CapturedItems implements DynamicSink<Object> {

    private int keepLast;
    private final List<Object> items = new ArrayList<>();
    private long seen;
    private long version;

    /** @param keepLast how many of the latest items to keep; 0 keeps all */
    CapturedItems(int keepLast) {
        this.keepLast = keepLast;
    }

    @Override
    public StatelessSinkPartition<Object> build(String stepId, int workerIndex, int workerCount) {
        return this::append;
    }

    synchronized void append(List<Object> batch) {
        if (batch.isEmpty()) return;
        items.addAll(batch);
        seen += batch.size();
        version++;
        if (keepLast > 0 && items.size() >= 2 * keepLast) {
            items.subList(0, items.size() - keepLast).clear();
        }
    }

    synchronized void resize(int newKeepLast) {
        keepLast = newKeepLast;
    }

    synchronized void clear() {
        items.clear();
        seen = 0;
        version++;
    }

    /** A copy of the kept items, oldest first. */
    synchronized List<Object> snapshot() {
        int from = keepLast > 0 ? Math.max(0, items.size() - keepLast) : 0;
        return new ArrayList<>(items.subList(from, items.size()));
    }

    /** How many items arrived since the last clear, kept or not. */
    synchronized long seen() {
        return seen;
    }

    /** Changes whenever items arrive. */
    synchronized long version() {
        return version;
    }
}
