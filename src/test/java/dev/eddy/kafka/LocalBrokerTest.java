package dev.eddy.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalBroker#start()}, as a notebook starts one, and {@code ./eddy kafka start|stop}:
 * {@link LocalBroker#main}. Both run the broker from the jars the build listed, not from this JVM's class path.
 */
class LocalBrokerTest {

    @TempDir
    Path dir;

    @Test
    void noClusterIdStartsWithADashWhichTheStorageToolWouldTakeForAnOption() {
        // One random id in 64 did, and formatting that broker's storage failed ("expected one argument").
        for (int i = 0; i < 20_000; i++) {
            assertThat(LocalBroker.clusterId()).hasSize(22).doesNotStartWith("-");
        }
    }

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

    @Test
    void aBrokerStartedWithoutAFolderMakesTopicsAndTakesItsTemporaryFolderAwayWhenClosed() throws Exception {
        Path data;
        try (LocalBroker broker = LocalBroker.start()) {
            data = broker.dir();
            assertThat(broker.toString()).startsWith("Kafka broker at " + broker.bootstrap() + " (KRaft, one node)");
            broker.createTopic("made", 3);
            broker.createTopic("made", 3);
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", broker.bootstrap()))) {
                assertThat(admin.describeTopics(List.of("made")).allTopicNames().get().get("made").partitions())
                        .hasSize(3);
            }
            assertThatThrownBy(() -> broker.createTopic("made", 2)).hasMessage(
                    "LocalBroker topic 'made' must have 2 partitions; got an existing topic with 3 instead");
            assertThat(data.resolve("broker.log")).exists();
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void theBrokersClassPathIsTheJarListTheBuildMadeAndEddysOwnClasses() {
        String[] entries = LocalBroker.classPath().split(java.io.File.pathSeparator);
        assertThat(entries[entries.length - 1]).endsWith("classes");
        assertThat(entries).anyMatch(e -> Path.of(e).getFileName().toString().startsWith("kafka_2.13-"))
                .noneMatch(e -> e.endsWith("test-classes"));
    }
}
