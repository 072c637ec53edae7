package dev.eddy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./eddy kafka start|stop}: {@link LocalBroker#main}. */
class LocalBrokerTest {

    @TempDir
    Path dir;

    @Test
    void startLeavesADetachedBrokerThatTakesClientsAndStopEndsIt() throws Exception {
        int port = LocalBroker.freePort();
        LocalBroker.main(new String[] {"start", dir.toString(), Integer.toString(port)});
        long pid = Long.parseLong(Files.readString(dir.resolve("broker.pid")).strip());
        ProcessHandle broker = ProcessHandle.of(pid).orElseThrow();
        try {
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", "127.0.0.1:" + port))) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("tried", 1, (short) 1))).all().get();
                assertThat(admin.listTopics().names().get()).contains("tried");
            }
            LocalBroker.main(new String[] {"stop", dir.toString()});
            assertThat(broker.isAlive()).isFalse();
            assertThat(dir.resolve("broker.pid")).doesNotExist();
        } finally {
            broker.destroyForcibly();
        }
    }
}
