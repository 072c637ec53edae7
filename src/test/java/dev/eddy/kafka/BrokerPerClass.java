package dev.eddy.kafka;

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
        // Printed, not asserted: a start time says little on a machine shared with other work (about 5 s on
        // an idle 2-core machine).
        System.out.println("kafka broker started in " + millis + " ms at " + broker.bootstrap());
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
