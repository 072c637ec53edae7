package dev.eddy.notebook;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Splits one item into named fields, one per table column: a record's components, a map's entries, a bean's
 * properties (found by jackson-databind), or the item itself as {@code value} for scalars and anything else.
 * Field values are the objects themselves, not copies, and are never followed further, so cyclic references
 * can't loop.
 */
final class Fields {

    static final String VALUE = "value";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<Class<?>, List<Accessor>> ACCESSORS = new ConcurrentHashMap<>();

    private Fields() {
    }

    /** The fields of {@code item}, in declaration order; {@code null} is a single missing {@code value}. */
    static Map<String, Object> of(Object item) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (item instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) out.put(SafeText.of(e.getKey()), e.getValue());
            return out;
        }
        List<Accessor> accessors = item == null || isScalar(item) ? List.of() : accessors(item.getClass());
        if (accessors.isEmpty()) {
            out.put(VALUE, item);
            return out;
        }
        for (Accessor a : accessors) out.put(a.name(), a.get(item));
        return out;
    }

    /** Values shown whole in one cell: text, numbers, times, enums, collections, arrays. */
    static boolean isScalar(Object item) {
        return item instanceof CharSequence || item instanceof Number || item instanceof Boolean
                || item instanceof Character || item instanceof TemporalAccessor || item instanceof Duration
                || item instanceof Enum<?> || item instanceof UUID || item instanceof Collection<?>
                || item.getClass().isArray() || item instanceof Class<?>;
    }

    private static List<Accessor> accessors(Class<?> type) {
        return ACCESSORS.computeIfAbsent(type, Fields::findAccessors);
    }

    private static List<Accessor> findAccessors(Class<?> type) {
        List<Accessor> out = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                var method = c.getAccessor();
                method.setAccessible(true);
                out.add(new Accessor(c.getName(), item -> method.invoke(item)));
            }
            return out;
        }
        try {
            JavaType javaType = MAPPER.constructType(type);
            BeanDescription bean = MAPPER.getSerializationConfig().introspect(javaType);
            for (BeanPropertyDefinition p : bean.findProperties()) {
                AnnotatedMember member = p.getAccessor();
                if (member == null) continue;
                member.fixAccess(true);
                out.add(new Accessor(p.getName(), member::getValue));
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /** Reads one field; a getter that throws yields the exception's text. */
    private record Accessor(String name, Getter getter) {
        Object get(Object item) {
            try {
                return getter.get(item);
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                return "<" + name + " threw " + cause.getClass().getSimpleName() + ">";
            }
        }
    }

    @FunctionalInterface
    private interface Getter {
        Object get(Object item) throws Exception;
    }
}
