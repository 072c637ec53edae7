package dev.eddy.recovery;

import dev.eddy.io.KillPoints;
import dev.eddy.runtime.RecoveryStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A {@link RecoveryStore} on N SQLite partitions, with Bytewax's meaning: executions in {@code exs},
 * each worker's frontier in {@code fronts}, garbage-collection marks in {@code commits}, and snapshots in
 * {@code snaps}, each (step, key) routed to one partition by a {@link StableHash stable hash} of its step
 * id and key text. Thread-safe: one lock guards every partition.
 *
 * <p>{@link #commit} hands its garbage collection to the store's writer thread and returns: deleting a
 * large epoch's superseded rows is a tenth of a second or more that the worker need not wait for. Every
 * later call that touches a partition waits for it first, so a connection is never used by two threads,
 * and a collection that failed is thrown by that call. A crash in the middle leaves the collection
 * undone, which is harmless: the next one deletes everything superseded up to its epoch.
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
    /** Inserts and commits large epochs while the caller encodes them, and collects garbage; made when first needed. */
    private ExecutorService writer;
    /** The last {@link #commit}'s garbage collection, running on the writer thread; {@code null} once awaited. */
    private Future<?> collecting;

    /** Epochs of at least this many snapshots are encoded while the writer thread inserts them. */
    static final int OVERLAP_FROM = 2048;
    /** How many snapshots the writer gets at a time. */
    static final int CHUNK = 1024;
    /** The writer thread's name, followed by the store's directory. */
    static final String WRITER_THREAD = "eddy-recovery-writer";

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
        for (Partition part : parts) {
            try {
                part.dropFrom(resumeFrom.epoch());
            } catch (SQLException e) {
                throw failed("drop the snapshots from epoch " + resumeFrom.epoch() + " on", part, e);
            }
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
        awaitCollection();
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
        awaitCollection();
        int frontPart = StableHash.partition(parts.size(), "fronts", Long.toString(resumeFrom.execution()),
                Integer.toString(workerIndex));
        Partition.Front front = new Partition.Front(resumeFrom.execution(), workerIndex, epoch + 1);
        Set<Integer> touched = new TreeSet<>();
        touched.add(frontPart);
        try {
            if (snapshots.size() < OVERLAP_FROM) {
                // Encode everything first: a state Jackson can't write fails the call before any partition changes.
                Map<Integer, List<Partition.Row>> rows = encode(epoch, snapshots, 0, snapshots.size());
                touched.addAll(rows.keySet());
                insert(epoch, rows);
                commitEpoch(epoch, touched, frontPart, front);
            } else {
                writeOverlapped(epoch, snapshots, touched, frontPart, front);
            }
        } catch (RuntimeException | Error e) {
            // Nothing of this epoch is committed unless every partition before the frontier's was; drop the rest.
            touched.forEach(i -> parts.get(i).rollback());
            throw e;
        }
    }

    /**
     * A large epoch: this thread encodes it in chunks while the store's writer thread inserts each encoded chunk,
     * then commits in the same order as a small epoch: every other partition, then the frontier's. A failure on
     * either side stops the writer before it commits anything more.
     */
    private void writeOverlapped(long epoch, List<Snapshot> snapshots, Set<Integer> touched, int frontPart,
                                 Partition.Front front) {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        try {
            for (int from = 0; from < snapshots.size(); from += CHUNK) {
                Map<Integer, List<Partition.Row>> rows =
                        encode(epoch, snapshots, from, Math.min(snapshots.size(), from + CHUNK));
                touched.addAll(rows.keySet());
                writer().submit(() -> unlessFailed(failed, () -> insert(epoch, rows)));
            }
        } catch (Throwable e) {
            failed.compareAndSet(null, e);      // the writer skips what is left; nothing more is committed
        }
        Set<Integer> all = Set.copyOf(touched);
        Future<?> last = writer().submit(() -> unlessFailed(failed, () -> commitEpoch(epoch, all, frontPart, front)));
        awaitUninterruptibly(last);
        Throwable e = failed.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error r) {
            throw r;
        }
    }

    /** Runs a writer step unless an earlier one (or the encoding) failed; a failure stops every later step. */
    private static void unlessFailed(AtomicReference<Throwable> failed, Runnable step) {
        if (failed.get() != null) {
            return;
        }
        try {
            step.run();
        } catch (Throwable e) {
            failed.compareAndSet(null, e);
        }
    }

    /**
     * Waits for a writer task; a stop (an interrupt) waits too, so no epoch is left half written. A task's
     * own exception is thrown as it was.
     */
    private static void awaitUninterruptibly(Future<?> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error r) {
                        throw r;
                    }
                    throw new IllegalStateException("the recovery writer must run each task; got " + e.getCause()
                            + " instead", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the last commit's garbage collection, throwing its failure; {@code SnapshotThroughput} times it. */
    synchronized void awaitCollection() {
        Future<?> task = collecting;
        if (task != null) {
            collecting = null;
            awaitUninterruptibly(task);
        }
    }

    private ExecutorService writer() {
        if (writer == null) {
            writer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, WRITER_THREAD + " " + dir);
                t.setDaemon(true);
                return t;
            });
        }
        return writer;
    }

    /** Snapshots {@code from} to {@code to} as rows by partition; a state the codec can't write fails naming it. */
    private Map<Integer, List<Partition.Row>> encode(long epoch, List<Snapshot> snapshots, int from, int to) {
        Map<Integer, List<Partition.Row>> rows = new TreeMap<>();
        for (Snapshot s : snapshots.subList(from, to)) {
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
        return rows;
    }

    /** Inserts rows into their partitions' open transactions. */
    private void insert(long epoch, Map<Integer, List<Partition.Row>> rows) {
        for (Map.Entry<Integer, List<Partition.Row>> e : rows.entrySet()) {
            Partition p = parts.get(e.getKey());
            try {
                p.insert(e.getValue());
            } catch (SQLException ex) {
                throw failed("write epoch " + epoch, p, ex);
            }
        }
    }

    /**
     * Commits every partition but the frontier's, then the frontier's with the frontier in its transaction: a
     * crash before that last commit leaves the epoch unfinished, and resume reads only snapshots before the
     * frontier.
     */
    private void commitEpoch(long epoch, Set<Integer> touched, int frontPart, Partition.Front front) {
        for (int i : touched) {
            if (i != frontPart) {
                finish(epoch, parts.get(i), null);
            }
        }
        if (KillPoints.ENABLED) {
            KillPoints.hit(KillPoints.BEFORE_SNAPSHOT_COMMIT);
        }
        finish(epoch, parts.get(frontPart), front);
        if (KillPoints.ENABLED) {
            KillPoints.hit(KillPoints.AFTER_SNAPSHOT_COMMIT);
        }
    }

    private void finish(long epoch, Partition p, Partition.Front front) {
        try {
            p.finish(front);
        } catch (SQLException ex) {
            throw failed("write epoch " + epoch, p, ex);
        }
    }

    /** Records the commit epoch and collects garbage on the writer thread; see the class comment. */
    @Override
    public synchronized void commit(long epoch) {
        checkOpen();
        if (epoch < 1) {
            return;
        }
        awaitCollection();
        collecting = writer().submit(() -> {
            for (Partition p : parts) {
                try {
                    p.commit(epoch);
                } catch (SQLException e) {
                    throw failed("commit epoch " + epoch, p, e);
                }
            }
        });
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                awaitCollection();
            } finally {
                if (writer != null) {
                    writer.shutdown();      // idle now: writeEpoch waits for its last task, and so did this
                }
                parts.forEach(Partition::close);
                lock.close();
            }
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
