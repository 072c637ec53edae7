package dev.eddy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A real broker ({@link LocalBroker}) for each test class that extends this, started once, stopped after. */
abstract class BrokerPerClass {

    static LocalBroker broker;
    static List<String> brokers;

    @BeforeAll
    static void startBroker(@TempDir Path brokerDir) {
        long start = System.nanoTime();
        broker = LocalBroker.start(brokerDir);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("kafka broker started in " + millis + " ms at " + broker.bootstrap());
        assertThat(millis).as("broker start in ms").isLessThan(10_000);
        brokers = List.of(broker.bootstrap());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
