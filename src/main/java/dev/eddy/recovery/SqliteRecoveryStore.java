package dev.eddy.recovery;

import dev.eddy.io.KillPoints;
import dev.eddy.runtime.RecoveryStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A {@link RecoveryStore} on N SQLite partitions, with Bytewax's meaning: executions in {@code exs},
 * each worker's frontier in {@code fronts}, garbage-collection marks in {@code commits}, and snapshots in
 * {@code snaps}, each (step, key) routed to one partition by a {@link StableHash stable hash} of its step
 * id and key text. Thread-safe: one lock guards every partition.
 */
final class SqliteRecoveryStore implements RecoveryStore {

    private final Path dir;
    private final String flowId;
    private final SnapshotCodec codec;
    private final List<Partition> parts;      // by index
    private final ResumeFrom resumeFrom;
    private final StoreLock lock;
    private boolean started;
    private boolean closed;

    private SqliteRecoveryStore(Path dir, String flowId, SnapshotCodec codec, List<Partition> parts,
                                ResumeFrom resumeFrom, StoreLock lock) {
        this.dir = dir;
        this.lock = lock;
        this.flowId = flowId;
        this.codec = codec;
        this.parts = parts;
        this.resumeFrom = resumeFrom;
    }

    /** Checks the opened partitions against each other and the flow, then computes the resume point. */
    static SqliteRecoveryStore open(Path dir, String flowId, SnapshotCodec codec, List<Partition> opened,
                                    StoreLock lock) {
        Map<Integer, List<Partition>> byCount = new TreeMap<>();
        for (Partition p : opened) {
            byCount.computeIfAbsent(p.count, c -> new ArrayList<>()).add(p);
        }
        if (byCount.size() > 1) {
            StringBuilder got = new StringBuilder();
            byCount.forEach((count, ps) -> got.append(got.length() == 0 ? "" : ", ").append(count).append(" in ")
                    .append(Recovery.names(ps.stream().map(p -> p.file).toList())));
            throw new InconsistentPartitionsException("recovery partitions in " + dir + " must agree on the"
                    + " partition count; got " + got + " instead; the directory mixes files of two stores: keep"
                    + " one store's files only (nothing was changed)");
        }
        int count = opened.get(0).count;
        Partition[] byIndex = new Partition[count];
        for (Partition p : opened) {
            long named = Recovery.fileIndex(p.file);
            if (named != p.index) {
                throw new InconsistentPartitionsException("recovery partition " + p.file + " must hold partition "
                        + named + " as its name says; got partition " + p.index + " of " + count + " instead;"
                        + " was it renamed or copied over? give it back its name part-" + p.index + ".sqlite3");
            }
            byIndex[p.index] = p;
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (byIndex[i] == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingPartitionsException("recovery partitions in " + dir + " must be all " + count
                    + " of the store; got " + Recovery.names(opened.stream().map(p -> p.file).toList())
                    + " instead: " + missingNames(missing) + (missing.size() == 1 ? " is" : " are") + " missing;"
                    + " restore " + (missing.size() == 1 ? "it" : "them") + " from a backup (a partition made"
                    + " anew would lose its snapshots, so none is)");
        }
        List<Partition> parts = List.of(byIndex);
        Map<String, List<Path>> flows = new TreeMap<>();
        for (Partition p : parts) {
            if (p.flowId != null) {
                flows.computeIfAbsent(p.flowId, f -> new ArrayList<>()).add(p.file);
            }
        }
        if (flows.size() > 1) {
            throw new InconsistentPartitionsException("recovery partitions in " + dir + " must belong to one flow;"
                    + " got " + flows + " instead; the directory mixes two flows' stores (nothing was changed)");
        }
        if (flows.size() == 1 && !flows.containsKey(flowId)) {
            String other = flows.keySet().iterator().next();
            throw new RecoveryException("recovery store " + dir + " must belong to flow '" + flowId + "'; got"
                    + " flow '" + other + "' instead (" + Recovery.names(flows.get(other)) + "); give each flow its"
                    + " own recovery directory (nothing was changed)");
        }
        ResumeFrom from;
        try {
            from = resumeFrom(dir, parts);
            for (Partition p : parts) {
                if (p.flowId == null) {
                    p.claim(flowId);
                }
            }
        } catch (SQLException e) {
            throw new RecoveryException("recovery store " + dir + " must be readable; got " + Partition.describe(e)
                    + " instead", e);
        }
        return new SqliteRecoveryStore(dir, flowId, codec, parts, from, lock);
    }

    /**
     * Bytewax's resume calculation over every partition's progress: the next execution number, and the
     * smallest over the last execution's workers of each one's largest frontier (a worker that wrote
     * none counts as that execution's resume epoch). Fails if a partition was garbage-collected past it.
     */
    static ResumeFrom resumeFrom(Path dir, List<Partition> parts) throws SQLException {
        Map<Long, Partition.Ex> exs = new HashMap<>();
        List<Partition.Front> fronts = new ArrayList<>();
        for (Partition p : parts) {
            for (Partition.Ex ex : p.executions()) {
                exs.put(ex.exNum(), ex);
            }
            fronts.addAll(p.frontiers());
        }
        ResumeFrom from;
        if (exs.isEmpty()) {
            from = new ResumeFrom(0, 1);
        } else {
            Partition.Ex last = exs.get(exs.keySet().stream().max(Long::compare).orElseThrow());
            Map<Integer, Long> progress = new TreeMap<>();
            for (int w = 0; w < last.workerCount(); w++) {
                progress.put(w, last.resumeEpoch());
            }
            for (Partition.Front f : fronts) {
                if (f.exNum() == last.exNum()) {
                    progress.merge(f.workerIndex(), f.frontier(), Math::max);
                }
            }
            long epoch = progress.values().stream().min(Long::compare).orElseThrow();
            from = new ResumeFrom(last.exNum() + 1, epoch);
        }
        List<Path> ahead = new ArrayList<>();
        List<Path> behind = new ArrayList<>();
        long newestCommit = Long.MIN_VALUE;
        for (Partition p : parts) {
            Long commit = p.commitEpoch();
            if (commit != null && commit > from.epoch()) {
                ahead.add(p.file);
                newestCommit = Math.max(newestCommit, commit);
            } else {
                behind.add(p.file);
            }
        }
        if (!ahead.isEmpty()) {
            throw new InconsistentPartitionsException("recovery partitions in " + dir + " must be recent enough to"
                    + " resume from epoch " + from.epoch() + " without data loss; got " + Recovery.names(behind)
                    + " too old (" + Recovery.names(ahead) + " already let go of snapshots up to epoch "
                    + newestCommit + ") instead; do you have a newer backup of the older partitions?");
        }
        return from;
    }

    private static String missingNames(List<Integer> missing) {
        List<String> names = new ArrayList<>();
        for (int i : missing) {
            names.add("part-" + i + ".sqlite3");
        }
        return String.join(", ", names);
    }

    @Override
    public String flowId() {
        return flowId;
    }

    @Override
    public int partitionCount() {
        return parts.size();
    }

    @Override
    public ResumeFrom resumeFrom() {
        return resumeFrom;
    }

    @Override
    public synchronized void startExecution(int workerCount) {
        checkOpen();
        if (workerCount <= 0) {
            throw new IllegalArgumentException("worker count must be positive; got " + workerCount + " instead");
        }
        if (started) {
            throw new IllegalStateException("execution " + resumeFrom.execution() + " of flow '" + flowId
                    + "' must start once; got a second startExecution instead; open the store again for another");
        }
        Partition p = parts.get(StableHash.partition(parts.size(), "exs", Long.toString(resumeFrom.execution())));
        try {
            p.insertExecution(resumeFrom.execution(), workerCount, resumeFrom.epoch());
        } catch (SQLException e) {
            throw failed("record execution " + resumeFrom.execution(), p, e);
        }
        started = true;
    }

    @Override
    public synchronized void loadSnapshots(Consumer<Snapshot> each) {
        checkOpen();
        Objects.requireNonNull(each, "loadSnapshots consumer can't be null");
        for (Partition p : parts) {
            try {
                p.load(resumeFrom.epoch(), row -> each.accept(new Snapshot(row.stepId(), decodeKey(p, row),
                        row.epoch(), decodeState(p, row))));
            } catch (SQLException e) {
                throw failed("load snapshots", p, e);
            }
        }
    }

    private Object decodeKey(Partition p, Partition.Row row) {
        try {
            return codec.decodeKey(row.stateKey());
        } catch (IllegalArgumentException e) {
            throw new RecoveryException("state key '" + row.stateKey() + "' of step '" + row.stepId() + "' in "
                    + p.file + " must decode; got " + e.getMessage() + " instead; if it is one of your own"
                    + " classes, allow its package with SnapshotCodec.standard().allowing(\"com.example.\")", e);
        }
    }

    private Object decodeState(Partition p, Partition.Row row) {
        try {
            return codec.decode(row.change());
        } catch (IllegalArgumentException e) {
            throw new RecoveryException("snapshot of step '" + row.stepId() + "' key " + row.stateKey() + " at epoch "
                    + row.epoch() + " in " + p.file + " must decode; got " + e.getMessage() + " instead; if it is"
                    + " one of your own classes, allow its package with"
                    + " SnapshotCodec.standard().allowing(\"com.example.\")", e);
        }
    }

    @Override
    public synchronized void writeEpoch(int workerIndex, long epoch, List<Snapshot> snapshots) {
        checkOpen();
        if (!started) {
            throw new IllegalStateException("writeEpoch of flow '" + flowId + "' must come after startExecution;"
                    + " got epoch " + epoch + " first instead");
        }
        if (workerIndex < 0) {
            throw new IllegalArgumentException("worker index must not be negative; got " + workerIndex + " instead");
        }
        if (epoch < resumeFrom.epoch()) {
            throw new IllegalArgumentException("epoch written by execution " + resumeFrom.execution() + " must be"
                    + " at least its resume epoch " + resumeFrom.epoch() + "; got " + epoch + " instead");
        }
        // Encode everything first: a state Jackson can't write fails the call before any partition changes.
        Map<Integer, List<Partition.Row>> rows = new LinkedHashMap<>();
        for (Snapshot s : snapshots) {
            if (s.epoch() != epoch) {
                throw new IllegalArgumentException("snapshot of step '" + s.stepId() + "' key " + s.key() + " must"
                        + " be of epoch " + epoch + "; got epoch " + s.epoch() + " instead");
            }
            String key = codec.encodeKey(s.key());
            byte[] change;
            try {
                change = s.state() == null ? null : codec.encode(s.state());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("snapshot of step '" + s.stepId() + "' key " + s.key() + " at"
                        + " epoch " + epoch + ": " + e.getMessage(), e);
            }
            int part = StableHash.partition(parts.size(), s.stepId(), key);
            rows.computeIfAbsent(part, x -> new ArrayList<>()).add(new Partition.Row(s.stepId(), key, epoch, change));
        }
        // Snapshots first, the frontier last with its partition's snapshots: a crash before the frontier
        // leaves the epoch unfinished, and resume reads only snapshots before the frontier.
        int frontPart = StableHash.partition(parts.size(), "fronts", Long.toString(resumeFrom.execution()),
                Integer.toString(workerIndex));
        for (Map.Entry<Integer, List<Partition.Row>> e : rows.entrySet()) {
            if (e.getKey() != frontPart) {
                Partition p = parts.get(e.getKey());
                try {
                    p.write(e.getValue(), null);
                } catch (SQLException ex) {
                    throw failed("write epoch " + epoch, p, ex);
                }
            }
        }
        if (KillPoints.ENABLED) {
            KillPoints.hit(KillPoints.BEFORE_SNAPSHOT_COMMIT);
        }
        Partition p = parts.get(frontPart);
        try {
            p.write(rows.getOrDefault(frontPart, List.of()),
                    new Partition.Front(resumeFrom.execution(), workerIndex, epoch + 1));
        } catch (SQLException ex) {
            throw failed("write epoch " + epoch, p, ex);
        }
        if (KillPoints.ENABLED) {
            KillPoints.hit(KillPoints.AFTER_SNAPSHOT_COMMIT);
        }
    }

    @Override
    public synchronized void commit(long epoch) {
        checkOpen();
        if (epoch < 1) {
            return;
        }
        for (Partition p : parts) {
            try {
                p.commit(epoch);
            } catch (SQLException e) {
                throw failed("commit epoch " + epoch, p, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            parts.forEach(Partition::close);
            lock.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("recovery store " + dir + " must be open; got a closed one instead");
        }
    }

    private static RecoveryException failed(String what, Partition p, SQLException e) {
        return new RecoveryException("recovery partition " + p.file + " must " + what + "; got "
                + Partition.describe(e) + " instead", e);
    }

    @Override
    public String toString() {
        return "RecoveryStore(" + flowId + ": " + dir + ", " + parts.size() + " partitions, resume from execution "
                + resumeFrom.execution() + " epoch " + resumeFrom.epoch() + ")";
    }
}
