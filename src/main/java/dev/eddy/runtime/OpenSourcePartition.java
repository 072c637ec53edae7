package dev.eddy.runtime;

import dev.eddy.io.StatefulSourcePartition;
import dev.eddy.io.StatelessSourcePartition;
import java.time.Instant;
import java.util.List;

/**
 * One built partition of a source, stateful or stateless, with when it next wants to be read and whether it has
 * ended. Every runtime reads source partitions through it: the local runtime's input step, and FlinkRunner's
 * source on each subtask. Plumbing for runtimes, not for flows.
 */
public final class OpenSourcePartition {

    private final String name;
    private final StatefulSourcePartition<?, ?> stateful;
    private final StatelessSourcePartition<?> stateless;
    private Instant awake;
    private boolean ended;

    private OpenSourcePartition(String name, StatefulSourcePartition<?, ?> stateful,
            StatelessSourcePartition<?> stateless) {
        this.name = name;
        this.stateful = stateful;
        this.stateless = stateless;
    }

    /** A partition of a {@code FixedPartitionedSource}, named as the source lists it. */
    public static OpenSourcePartition of(String name, StatefulSourcePartition<?, ?> part) {
        return new OpenSourcePartition(name, part, null);
    }

    /** A worker's partition of a {@code DynamicSource}, named {@code worker_<index>}. */
    public static OpenSourcePartition of(String name, StatelessSourcePartition<?> part) {
        return new OpenSourcePartition(name, null, part);
    }

    public String name() {
        return name;
    }

    /** The partition's stateful side, or {@code null} for a dynamic source's partition, which keeps no state. */
    public StatefulSourcePartition<?, ?> stateful() {
        return stateful;
    }

    public List<?> nextBatch() {
        return stateful != null ? stateful.nextBatch() : stateless.nextBatch();
    }

    public Instant nextAwake() {
        return stateful != null ? stateful.nextAwake() : stateless.nextAwake();
    }

    /** When the partition wants to be read next, as last asked; {@code null} for as soon as possible. */
    public Instant awake() {
        return awake;
    }

    public void awakeAt(Instant at) {
        awake = at;
    }

    public boolean ended() {
        return ended;
    }

    /** Marks the partition ended, so nothing reads or closes it again. */
    public void end() {
        ended = true;
    }

    public void close() {
        if (stateful != null) {
            stateful.close();
        } else {
            stateless.close();
        }
    }
}
