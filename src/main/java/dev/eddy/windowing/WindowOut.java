package dev.eddy.windowing;

import dev.eddy.dataflow.KeyedStream;
import dev.eddy.dataflow.Outputs;
import dev.eddy.dataflow.Stream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three streams every windowing operator returns, as Bytewax's {@code WindowOut}: {@code down}
 * carries what the windows produce, {@code late} the original values that arrived after the
 * watermark passed them (once per window they would have been in), and {@code meta} each window's
 * {@link WindowMetadata}, once, when it closes.
 *
 * <pre class="fragment">{@code
 * WindowOut<String, Click, Long> counts = Windowing.countWindow("count", clicks, clock, windower, Click::user);
 * counts.down().inspect("counts");
 * counts.late().inspect("late");
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the type of upstream values, as seen on {@code late}
 * @param <W> the type of what the windows emit
 */
public record WindowOut<K, V, W>(KeyedStream<K, WindowValue<W>> down,
                                 KeyedStream<K, WindowValue<V>> late,
                                 KeyedStream<K, WindowValue<WindowMetadata>> meta) implements Outputs {

    @Override
    public Map<String, Stream<?>> downPorts() {
        Map<String, Stream<?>> ports = new LinkedHashMap<>();
        ports.put("down", down);
        ports.put("late", late);
        ports.put("meta", meta);
        return ports;
    }
}
