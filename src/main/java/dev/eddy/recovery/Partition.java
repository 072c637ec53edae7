package dev.eddy.recovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * One partition file: its connection, checked on open, and the SQL of each operation. Not
 * thread-safe; {@link SqliteRecoveryStore} holds its lock around every use.
 */
final class Partition implements AutoCloseable {

    /** The store's format; a change to the tables, the codec or the hash makes it 2. */
    static final int FORMAT_VERSION = 1;
    /** {@code PRAGMA application_id}: "Eddy" in ASCII, so {@code file(1)} and tools can tell the file. */
    static final int APPLICATION_ID = 0x45646479;
    static final int BUSY_TIMEOUT_MS = 5000;
    /** The page size of a new partition, in bytes. */
    static final int PAGE_SIZE = 32768;
    /** The most page cache each open partition keeps, in KiB. */
    static final int CACHE_KIB = 32768;

    static final List<String> SCHEMA = List.of(
            "CREATE TABLE meta (\n"
                    + "  name TEXT PRIMARY KEY NOT NULL,\n"
                    + "  value TEXT NOT NULL\n"
                    + ") STRICT",
            "CREATE TABLE parts (\n"
                    + "  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                    + "  part_index INTEGER PRIMARY KEY NOT NULL CHECK (part_index >= 0),\n"
                    + "  part_count INTEGER NOT NULL CHECK (part_count > 0),\n"
                    + "  CHECK (part_index < part_count)\n"
                    + ") STRICT",
            "CREATE TABLE exs (\n"
                    + "  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                    + "  ex_num INTEGER NOT NULL PRIMARY KEY,\n"
                    + "  worker_count INTEGER NOT NULL CHECK (worker_count > 0),\n"
                    + "  resume_epoch INTEGER NOT NULL\n"
                    + ") STRICT",
            "CREATE TABLE fronts (\n"
                    + "  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                    + "  ex_num INTEGER NOT NULL,\n"
                    + "  worker_index INTEGER NOT NULL CHECK (worker_index >= 0),\n"
                    + "  worker_frontier INTEGER NOT NULL,\n"
                    + "  PRIMARY KEY (ex_num, worker_index)\n"
                    + ") STRICT",
            "CREATE TABLE commits (\n"
                    + "  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                    + "  part_index INTEGER PRIMARY KEY NOT NULL,\n"
                    + "  commit_epoch INTEGER NOT NULL\n"
                    + ") STRICT",
            "CREATE TABLE snaps (\n"
                    + "  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                    + "  step_id TEXT NOT NULL,\n"
                    + "  state_key TEXT NOT NULL,\n"
                    + "  snap_epoch INTEGER NOT NULL,\n"
                    + "  ser_change BLOB,\n"
                    + "  PRIMARY KEY (step_id, state_key, snap_epoch)\n"
                    + ") STRICT");

    private static final Set<String> TABLES = Set.of("meta", "parts", "exs", "fronts", "commits", "snaps");

    final Path file;
    final int index;
    final int count;
    final String flowId;    // null until a flow claims the store
    private final Connection conn;
    private PreparedStatement upsertSnap;

    private Partition(Path file, Connection conn, int index, int count, String flowId) {
        this.file = file;
        this.conn = conn;
        this.index = index;
        this.count = count;
        this.flowId = flowId;
    }

    /** Makes a new partition file at {@code file}, which must not exist. */
    static void create(Path file, int index, int count) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(file), config(true).toProperties());
             Statement st = c.createStatement()) {
            // Before anything is written (WAL fixes it): an epoch of window snapshots fills 32 KiB pages with about
            // 80 rows each instead of 4 KiB pages with 9, so its insert splits an eighth as many pages.
            st.execute("PRAGMA page_size = " + PAGE_SIZE);
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA application_id = " + APPLICATION_ID);
            st.execute("PRAGMA user_version = " + FORMAT_VERSION);
            c.setAutoCommit(false);
            for (String table : SCHEMA) {
                st.execute(table);
            }
            try (PreparedStatement meta = c.prepareStatement("INSERT INTO meta (name, value) VALUES (?, ?)")) {
                meta.setString(1, "format_version");
                meta.setString(2, Integer.toString(FORMAT_VERSION));
                meta.addBatch();
                meta.setString(1, "created_by");
                meta.setString(2, "eddy");
                meta.addBatch();
                meta.executeBatch();
            }
            try (PreparedStatement part = c.prepareStatement(
                    "INSERT INTO parts (part_index, part_count) VALUES (?, ?)")) {
                part.setInt(1, index);
                part.setInt(2, count);
                part.executeUpdate();
            }
            c.commit();
        }
    }

    /**
     * Opens an existing partition file and checks, before writing anything, that it is a complete Eddy
     * partition of this format; every failure names the file.
     */
    static Partition open(Path file) {
        Connection c;
        try {
            c = DriverManager.getConnection(url(file), config(false).toProperties());
        } catch (SQLException e) {
            throw new RecoveryException("recovery partition " + file + " must open as a SQLite database; got "
                    + describe(e) + " instead; check its permissions", e);
        }
        try {
            Partition p = check(file, c);
            try (Statement st = c.createStatement()) {
                // WAL is already set in the file; synchronous=FULL makes each commit survive a power cut too.
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = FULL");
                // An epoch's snapshots stay in memory until its commit instead of spilling to the WAL mid-transaction.
                st.execute("PRAGMA cache_size = -" + CACHE_KIB);
            }
            c.setAutoCommit(false);
            return p;
        } catch (SQLException e) {
            closeQuietly(c);
            throw unreadable(file, e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static Partition check(Path file, Connection c) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        String remedy = "restore it from a backup, or move the directory away and make a new store with"
                + " Recovery.initDbDir; it was left as it is";
        if (tables.isEmpty()) {
            throw new RecoveryException("recovery partition " + file + " must hold Eddy's recovery tables; got an"
                    + " empty database instead (was Recovery.initDbDir interrupted, or the file emptied?); " + remedy);
        }
        if (!tables.contains("meta")) {
            String what = tables.containsAll(Set.of("parts", "exs", "fronts", "commits", "snaps"))
                    ? "a store without a format version (Bytewax's layout? its pickled snapshots can't be read here)"
                    : "a SQLite database with other tables " + tables;
            throw new RecoveryException("recovery partition " + file + " must be an Eddy recovery partition; got "
                    + what + " instead; " + remedy);
        }
        String version = meta(c, "format_version");
        if (!Integer.toString(FORMAT_VERSION).equals(version)) {
            throw new RecoveryException("recovery partition " + file + " must be in Eddy's recovery format "
                    + FORMAT_VERSION + "; got format " + (version == null ? "(none)" : "'" + version + "'")
                    + " instead; it was written by another version of Eddy: resume it with that version, or"
                    + " start afresh in a new directory (this one was left as it is)");
        }
        if (!tables.containsAll(TABLES)) {
            Set<String> missing = new TreeSet<>(TABLES);
            missing.removeAll(tables);
            throw new RecoveryException("recovery partition " + file + " must hold the tables " + new TreeSet<>(TABLES)
                    + "; got none named " + missing + " instead; " + remedy);
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
            List<String> problems = new ArrayList<>();
            while (rs.next()) {
                for (String line : rs.getString(1).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("*** ")) {
                        problems.add(line.strip());
                    }
                }
            }
            if (!problems.equals(List.of("ok"))) {
                throw new RecoveryException("recovery partition " + file + " must pass SQLite's integrity check; got "
                        + problems.size() + " problems (" + String.join("; ", problems.subList(0, Math.min(3,
                        problems.size()))) + (problems.size() > 3 ? "; …" : "") + ") instead; " + remedy);
            }
        }
        List<int[]> parts = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT part_index, part_count FROM parts")) {
            while (rs.next()) {
                parts.add(new int[] {rs.getInt(1), rs.getInt(2)});
            }
        }
        if (parts.size() != 1) {
            throw new RecoveryException("recovery partition " + file + " must say which partition it is in one"
                    + " 'parts' row; got " + parts.size() + " rows instead; " + remedy);
        }
        return new Partition(file, c, parts.get(0)[0], parts.get(0)[1], meta(c, "flow_id"));
    }

    private static String meta(Connection c, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Records the flow this partition belongs to; only ever called while none is recorded. */
    void claim(String flow) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("INSERT INTO meta (name, value) VALUES ('flow_id', ?)")) {
            st.setString(1, flow);
            st.executeUpdate();
        }
        conn.commit();
    }

    record Ex(long exNum, int workerCount, long resumeEpoch) {
    }

    record Front(long exNum, int workerIndex, long frontier) {
    }

    List<Ex> executions() throws SQLException {
        List<Ex> out = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT ex_num, worker_count, resume_epoch FROM exs")) {
            while (rs.next()) {
                out.add(new Ex(rs.getLong(1), rs.getInt(2), rs.getLong(3)));
            }
        }
        conn.commit();
        return out;
    }

    List<Front> frontiers() throws SQLException {
        List<Front> out = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT ex_num, worker_index, worker_frontier FROM fronts")) {
            while (rs.next()) {
                out.add(new Front(rs.getLong(1), rs.getInt(2), rs.getLong(3)));
            }
        }
        conn.commit();
        return out;
    }

    /** This partition's commit epoch, or {@code null} before its first commit. */
    Long commitEpoch() throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT commit_epoch FROM commits WHERE part_index = " + index)) {
            Long epoch = rs.next() ? rs.getLong(1) : null;
            conn.commit();
            return epoch;
        }
    }

    /**
     * Deletes the snapshots of epochs from {@code resumeEpoch} on: a dead execution's workers that got further
     * than the slowest wrote them, and the resumed execution writes those epochs again, key by key. A key it
     * does not touch again must not keep the dead execution's future.
     */
    int dropFrom(long resumeEpoch) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM snaps WHERE snap_epoch >= ?")) {
            st.setLong(1, resumeEpoch);
            int dropped = st.executeUpdate();
            conn.commit();
            return dropped;
        } catch (SQLException e) {
            conn.rollback();
            throw e;
        }
    }

    void insertExecution(long exNum, int workerCount, long resumeEpoch) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO exs (ex_num, worker_count, resume_epoch) VALUES (?, ?, ?)")) {
            st.setLong(1, exNum);
            st.setInt(2, workerCount);
            st.setLong(3, resumeEpoch);
            st.executeUpdate();
            conn.commit();
        } catch (SQLException e) {
            conn.rollback();
            throw e;
        }
    }

    /** A snapshot ready for its row: the key's text and the state's bytes ({@code null} for a discard). */
    record Row(String stepId, String stateKey, long epoch, byte[] change) {
    }

    /** Upserts {@code rows} into the open transaction; {@link #finish} commits them, {@link #rollback} drops them. */
    void insert(List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (upsertSnap == null) {
            upsertSnap = conn.prepareStatement(
                    "INSERT INTO snaps (step_id, state_key, snap_epoch, ser_change) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (step_id, state_key, snap_epoch) DO UPDATE"
                            + " SET ser_change = excluded.ser_change");
        }
        for (Row row : rows) {
            upsertSnap.setString(1, row.stepId());
            upsertSnap.setString(2, row.stateKey());
            upsertSnap.setLong(3, row.epoch());
            upsertSnap.setBytes(4, row.change());
            upsertSnap.addBatch();
        }
        upsertSnap.executeBatch();
    }

    /**
     * Writes the worker's frontier if {@code front} isn't null, then commits the open transaction with every row
     * {@link #insert inserted} since the last commit: durable when this returns.
     */
    void finish(Front front) throws SQLException {
        if (front != null) {
            try (PreparedStatement st = conn.prepareStatement(
                    "INSERT INTO fronts (ex_num, worker_index, worker_frontier) VALUES (?, ?, ?)"
                            + " ON CONFLICT (ex_num, worker_index) DO UPDATE"
                            + " SET worker_frontier = excluded.worker_frontier")) {
                st.setLong(1, front.exNum());
                st.setInt(2, front.workerIndex());
                st.setLong(3, front.frontier());
                st.executeUpdate();
            }
        }
        conn.commit();
    }

    /** Drops whatever the open transaction holds; best effort, as after a failure. */
    void rollback() {
        try {
            conn.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; nothing it held was committed.
        }
    }

    /**
     * Streams the newest snapshot of each (step, key) from before {@code resumeEpoch}, discards left out, in
     * (step, key) order. One scan of the primary key does it: a key's rows come together, oldest first, so the
     * last of each run is the newest. A query that joined each key with its newest epoch sorted every row's bytes
     * in a temporary B-tree: 0.31 s against 0.04 s for 100 k session states in {@code sqlite3}.
     */
    void load(long resumeEpoch, RowConsumer each) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT step_id, state_key, snap_epoch, ser_change FROM snaps WHERE snap_epoch < ?"
                        + " ORDER BY step_id, state_key, snap_epoch")) {
            st.setLong(1, resumeEpoch);
            try (ResultSet rs = st.executeQuery()) {
                Row newest = null;
                while (rs.next()) {
                    String stepId = rs.getString(1);
                    String stateKey = rs.getString(2);
                    if (newest != null && !(newest.stateKey().equals(stateKey) && newest.stepId().equals(stepId))) {
                        acceptUnlessDiscard(newest, each);
                    }
                    newest = new Row(stepId, stateKey, rs.getLong(3), rs.getBytes(4));
                }
                if (newest != null) {
                    acceptUnlessDiscard(newest, each);
                }
            }
        } finally {
            conn.commit();
        }
    }

    private static void acceptUnlessDiscard(Row row, RowConsumer each) throws SQLException {
        if (row.change() != null) {
            each.accept(row);
        }
    }

    interface RowConsumer {
        void accept(Row row) throws SQLException;
    }

    /**
     * Deletes, per (step, key), every snapshot older than its newest at or before epoch {@code ?1}: each row with a
     * newer one at or before {@code ?1}, found through the primary key (a look-up per row, not a sort of them all).
     */
    static final String GC = "DELETE FROM snaps WHERE snap_epoch < ?1 AND EXISTS (\n"
            + "  SELECT 1 FROM snaps AS newer\n"
            + "  WHERE newer.step_id = snaps.step_id AND newer.state_key = snaps.state_key\n"
            + "    AND newer.snap_epoch > snaps.snap_epoch AND newer.snap_epoch <= ?1)";

    /** Records {@code epoch} as the commit epoch and deletes, per key, every snapshot older than its newest at or before it. */
    void commit(long epoch) throws SQLException {
        try (PreparedStatement record = conn.prepareStatement(
                "INSERT INTO commits (part_index, commit_epoch) VALUES (?, ?)"
                        + " ON CONFLICT (part_index) DO UPDATE SET commit_epoch = excluded.commit_epoch");
             PreparedStatement gc = conn.prepareStatement(GC)) {
            record.setInt(1, index);
            record.setLong(2, epoch);
            record.executeUpdate();
            gc.setLong(1, epoch);
            gc.executeUpdate();
            conn.commit();
        } catch (SQLException e) {
            conn.rollback();
            throw e;
        }
    }

    /** A pragma's value on this partition's connection, for tests: {@code pragma("cache_size")}. */
    Object pragma(String name) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            Object value = rs.next() ? rs.getObject(1) : null;
            conn.commit();
            return value instanceof Integer i ? (Object) i.longValue() : value;
        }
    }

    @Override
    public void close() {
        closeQuietly(conn);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Closing is best effort: every commit was durable when it returned.
        }
    }

    static RecoveryException unreadable(Path file, SQLException e) {
        String remedy = "; restore it from a backup, or move the directory away and make a new store with"
                + " Recovery.initDbDir; it was left as it is";
        if (e instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB) {
            return new RecoveryException("recovery partition " + file + " must be a SQLite database; got a file"
                    + " that is not one instead (random bytes, or encrypted, or another kind of file)" + remedy, e);
        }
        if (e instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_CORRUPT) {
            return new RecoveryException("recovery partition " + file + " must be a whole SQLite database; got a"
                    + " corrupt or truncated one instead (" + describe(e) + ")" + remedy, e);
        }
        return new RecoveryException("recovery partition " + file + " must be readable; got " + describe(e)
                + " instead" + remedy, e);
    }

    static String describe(SQLException e) {
        return e instanceof SQLiteException s ? s.getResultCode().name() + ": " + s.getMessage() : e.toString();
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    private static SQLiteConfig config(boolean create) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        if (!create) {
            // Never make a file where one was expected.
            config.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        return config;
    }

    static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }
}
