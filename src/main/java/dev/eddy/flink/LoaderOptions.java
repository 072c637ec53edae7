package dev.eddy.flink;

import java.net.URISyntaxException;
import java.security.CodeSource;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;

/**
 * What a local run needs when Eddy's Flink runner was loaded by a class loader of its own rather than the JVM's
 * application loader, as the notebook kernel does (it loads Flink only when a cell first asks for it). Flink's
 * JobManager deserializes a job without libraries with the application loader, which cannot see Flink there; a
 * job whose class path names the jar this runner came from gets a loader whose parent is this runner's, and
 * parent-first lookups keep this runner's classes (and so the registry of its local runs) the ones tasks use.
 * Where the application loader sees Flink (an application, the tests) nothing changes.
 */
final class LoaderOptions {

    private LoaderOptions() {
    }

    /** Adds the class path and resolve order to {@code conf} when this runner has a loader of its own. */
    static Configuration apply(Configuration conf) {
        ClassLoader own = FlinkRunner.class.getClassLoader();
        if (own == ClassLoader.getSystemClassLoader()) return conf;
        CodeSource source = FlinkRunner.class.getProtectionDomain().getCodeSource();
        if (source == null) return conf;
        try {
            conf.set(PipelineOptions.CLASSPATHS, List.of(source.getLocation().toURI().toURL().toString()));
        } catch (URISyntaxException | java.net.MalformedURLException e) {
            throw new IllegalStateException("Eddy's Flink runner must come from a file; got " + source.getLocation()
                    + " instead", e);
        }
        conf.set(CoreOptions.CLASSLOADER_RESOLVE_ORDER, "parent-first");
        return conf;
    }
}
