package dev.eddy.flink;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Kryo serializer for the JDK's collections that refuse {@code add} ({@code List.of}, {@code toList()},
 * {@code Collections.unmodifiableList}, {@code Arrays.asList}, ...), which Kryo's own collection serializer fills
 * with {@code add} and so cannot read. Eddy's operators emit such lists (a window's values, a join's row); this
 * writes their elements and reads them back into an unmodifiable list, set or map with the same elements.
 */
public final class UnmodifiableCollections extends Serializer<Object> implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final byte LIST = 0;
    private static final byte SET = 1;
    private static final byte MAP = 2;

    /** The classes this serializer is for. */
    static final List<Class<?>> TYPES = types();

    private static List<Class<?>> types() {
        List<Object> samples = new ArrayList<>(List.of(List.of(), List.of(1), List.of(1, 2, 3), Set.of(), Set.of(1),
                Set.of(1, 2, 3), Map.of(), Map.of(1, 1), Map.of(1, 1, 2, 2), Arrays.asList(1),
                Collections.singletonList(1), Collections.singleton(1), Collections.singletonMap(1, 1),
                Collections.emptyList(), Collections.emptySet(), Collections.emptyMap(),
                Collections.unmodifiableList(new ArrayList<>()), Collections.unmodifiableList(new LinkedList<>()),
                Collections.unmodifiableCollection(new ArrayList<>()), Collections.unmodifiableSet(new LinkedHashSet<>()),
                Collections.unmodifiableSortedSet(new TreeSet<>()), Collections.unmodifiableMap(new LinkedHashMap<>()),
                Collections.unmodifiableSortedMap(new TreeMap<>())));
        List<Class<?>> out = new ArrayList<>();
        for (Object sample : samples) {
            if (!out.contains(sample.getClass())) {
                out.add(sample.getClass());
            }
        }
        return List.copyOf(out);
    }

    /** Uses this serializer for {@link #TYPES} in every Kryo of {@code env}'s jobs. */
    static void register(StreamExecutionEnvironment env) {
        SerializerConfigImpl config = (SerializerConfigImpl) env.getConfig().getSerializerConfig();
        for (Class<?> type : TYPES) {
            config.registerTypeWithKryoSerializer(type, UnmodifiableCollections.class);
        }
    }

    /** Uses this serializer for {@link #TYPES} in {@code kryo}. */
    static void register(Kryo kryo) {
        UnmodifiableCollections serializer = new UnmodifiableCollections();
        for (Class<?> type : TYPES) {
            kryo.register(type, serializer);
        }
    }

    @Override
    public void write(Kryo kryo, Output output, Object value) {
        if (value instanceof Map<?, ?> map) {
            output.writeByte(MAP);
            output.writeVarInt(map.size(), true);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                kryo.writeClassAndObject(output, e.getKey());
                kryo.writeClassAndObject(output, e.getValue());
            }
            return;
        }
        Collection<?> items = (Collection<?>) value;
        output.writeByte(items instanceof Set<?> ? SET : LIST);
        output.writeVarInt(items.size(), true);
        for (Object item : items) {
            kryo.writeClassAndObject(output, item);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object read(Kryo kryo, Input input, Class<?> type) {
        byte kind = input.readByte();
        int size = input.readVarInt(true);
        if (kind == MAP) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                map.put(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
            }
            return Collections.unmodifiableMap(map);
        }
        Collection<Object> items = kind == SET ? new LinkedHashSet<>() : new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(kryo.readClassAndObject(input));
        }
        return kind == SET ? Collections.unmodifiableSet((Set<Object>) items)
                : Collections.unmodifiableList((List<Object>) items);
    }
}
