package dev.eddy.kernel;

import java.net.URI;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/** A Flink cluster whose REST endpoint a cell submits to. */
final class ClusterUnderTest implements AutoCloseable {
    private final MiniCluster cluster;
    private final URI rest;

    private ClusterUnderTest(MiniCluster cluster, URI rest) {
        this.cluster = cluster;
        this.rest = rest;
    }

    static ClusterUnderTest start() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, "0");
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(2).build());
        cluster.start();
        return new ClusterUnderTest(cluster, cluster.getRestAddress().get());
    }

    String host() {
        return rest.getHost();
    }

    int restPort() {
        return rest.getPort();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
