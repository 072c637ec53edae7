package dev.eddy.recovery;

import dev.eddy.runtime.RecoveryStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: plain JDBC on a partition file, as a user with a SQL tool would see it. */
final class Stores {

    private Stores() {
    }

    static Connection jdbc(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    static void sql(Path file, String... statements) throws SQLException {
        try (Connection c = jdbc(file); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    static List<List<Object>> query(Path file, String select) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = jdbc(file); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(select)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static List<RecoveryStore.Snapshot> loaded(RecoveryStore store) {
        List<RecoveryStore.Snapshot> out = new ArrayList<>();
        store.loadSnapshots(out::add);
        out.sort((a, b) -> (a.stepId() + "/" + a.key()).compareTo(b.stepId() + "/" + b.key()));
        return out;
    }

    static RecoveryStore.Snapshot snap(String step, Object key, long epoch, Object state) {
        return new RecoveryStore.Snapshot(step, key, epoch, state);
    }
}
