package dev.eddy.runtime;

import dev.eddy.io.DynamicSink;
import dev.eddy.io.StatelessSinkPartition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A sink that keeps what it is given and hands it over only when closed, as a buffering file sink would. */
final class BufferingSink implements DynamicSink<Object> {
    final List<Object> flushed = Collections.synchronizedList(new ArrayList<>());
    volatile boolean closed;

    @Override
    public StatelessSinkPartition<Object> build(String stepId, int workerIndex, int workerCount) {
        List<Object> buffer = new ArrayList<>();
        return new StatelessSinkPartition<>() {
            @Override
            public void writeBatch(List<Object> items) {
                buffer.addAll(items);
            }

            @Override
            public void close() {
                flushed.addAll(buffer);
                closed = true;
            }
        };
    }
}
