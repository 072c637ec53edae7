package dev.eddy.recovery;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns snapshot states and state keys into bytes and back, with Jackson, so that a state comes back
 * as the class it was: records, lists, maps, sets, {@code Instant}s, {@code Long}s and the rest keep
 * their types. Every value whose declared type doesn't fix its class (an {@code Object} field, a
 * {@code List}) carries its class name, and a class is only loaded on the way back if its name starts
 * with an allowed prefix: {@code dev.eddy.}, {@code java.lang.}, {@code java.util.}, {@code java.time.}
 * and {@code java.math.} by default, plus any the user adds with {@link #allowing}. A store someone
 * else wrote can therefore not make this codec build an arbitrary class.
 *
 * <p>The bytes are JSON (UTF-8), so {@code sqlite3} shows them: {@code SELECT CAST(ser_change AS TEXT)}.
 *
 * <pre>{@code
 * import dev.eddy.recovery.SnapshotCodec;
 * var codec = SnapshotCodec.standard();
 * byte[] bytes = codec.encode(new WindowMetadata(Instant.EPOCH, Instant.EPOCH.plusSeconds(5)));
 * System.out.println(codec.decode(bytes));
 * System.out.println(codec.encodeKey("user_1") + " " + codec.encodeKey(7L));
 * // WindowMetadata[openTime=1970-01-01T00:00:00Z, closeTime=1970-01-01T00:00:05Z, mergedIds=[]]
 * // "user_1" ["java.lang.Long",7]
 * }</pre>
 */
public final class SnapshotCodec {

    /** The class-name prefixes a decode may load unless told more. */
    public static final List<String> STANDARD_PREFIXES =
            List.of("dev.eddy.", "java.lang.", "java.util.", "java.time.", "java.math.");

    private static final SnapshotCodec STANDARD = new SnapshotCodec(STANDARD_PREFIXES);

    private final List<String> prefixes;
    private final ObjectWriter stateWriter;
    private final ObjectWriter keyWriter;
    private final ObjectReader reader;
    private final Set<Class<?>> checkedClasses = ConcurrentHashMap.newKeySet();

    private SnapshotCodec(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
        BasicPolymorphicTypeValidator.Builder allowed = BasicPolymorphicTypeValidator.builder();
        StringBuilder arrayElements = new StringBuilder("\\[+([ZBCSIJFD]|L(");
        for (String prefix : this.prefixes) {
            allowed.allowIfSubType(prefix);
            arrayElements.append(arrayElements.charAt(arrayElements.length() - 1) == '(' ? "" : "|")
                    .append(Pattern.quote(prefix));
        }
        // Arrays by their JVM names ("[J", "[Ljava.lang.Object;"), their element class held to the same list.
        allowed.allowIfSubType(Pattern.compile(arrayElements.append(").*;)").toString()));
        ObjectMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Fields, not getters: a state's snapshot is what it holds, whatever methods it has.
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setDefaultTyping(new TypedWhereNeeded(allowed.build()))
                .addModule(ObjectKeys.module(this::stateWriter, this::reader))
                // A Map.Entry (KV, the items of a join window's queue) is an object of its fields, as any record:
                // Jackson's default, {"1":31}, would bring it back with a null key.
                .addMixIn(Map.Entry.class, EntryAsObject.class)
                .build();
        this.stateWriter = mapper.writerFor(Object.class);
        // Keys become the state_key column; sorted map entries keep a key's text the same every time.
        this.keyWriter = mapper.writerFor(Object.class).with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        this.reader = mapper.readerFor(Object.class);
    }

    /** Writes a {@link Map.Entry} with its fields, not as a one-entry JSON object. */
    @JsonFormat(shape = JsonFormat.Shape.OBJECT)
    private interface EntryAsObject {
    }

    /** The codec with {@link #STANDARD_PREFIXES}. */
    public static SnapshotCodec standard() {
        return STANDARD;
    }

    /**
     * A codec that also loads classes whose names start with one of {@code morePrefixes}, for states
     * of the user's own classes, e.g. {@code "com.example.clicks."}.
     */
    public SnapshotCodec allowing(String... morePrefixes) {
        List<String> all = new ArrayList<>(prefixes);
        for (String prefix : morePrefixes) {
            Objects.requireNonNull(prefix, "SnapshotCodec prefix can't be null");
            if (prefix.isBlank()) {
                throw new IllegalArgumentException("SnapshotCodec prefix must name a package; got a blank one instead");
            }
            all.add(prefix);
        }
        return new SnapshotCodec(all);
    }

    /** The class-name prefixes this codec loads. */
    public List<String> prefixes() {
        return prefixes;
    }

    /**
     * A state as bytes; {@code state} must not be {@code null} (a discard is stored as SQL NULL). The first
     * time a class is encoded, its bytes are also decoded, so a state that Jackson can write but not read
     * back (a class without a usable constructor) fails here, at the epoch that took it, rather than on
     * the resume that needs it.
     */
    public byte[] encode(Object state) {
        Objects.requireNonNull(state, "a snapshot state to encode can't be null; a discard has no bytes");
        byte[] bytes;
        try {
            bytes = stateWriter.writeValueAsBytes(state);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("snapshot state must be serializable by Jackson; got a "
                    + state.getClass().getName() + " it can't write instead: " + e.getOriginalMessage()
                    + "; make the state a record of plain values", e);
        }
        if (!checkedClasses.contains(state.getClass())) {
            Object back;
            try {
                back = reader.readValue(bytes);
            } catch (IOException e) {
                throw new IllegalArgumentException("snapshot state must come back from its bytes; got a "
                        + state.getClass().getName() + " Jackson can write but not read instead: " + e.getMessage()
                        + "; make the state a record of plain values"
                        + (isAllowed(state.getClass()) ? "" : ", or allow its package with allowing(...)"), e);
            }
            if (!sameKind(state, back)) {
                throw new IllegalArgumentException("snapshot state must come back as its own class; got a "
                        + state.getClass().getName() + " that comes back as "
                        + (back == null ? "null" : back.getClass().getName()) + " instead");
            }
            checkedClasses.add(state.getClass());
        }
        return bytes;
    }

    /** The same class; for the JDK's lists, sets and maps, whose immutable forms come back as plain ones, the same kind. */
    private static boolean sameKind(Object state, Object back) {
        if (back == null) {
            return false;
        }
        if (back.getClass() == state.getClass()) {
            return true;
        }
        return state.getClass().getName().startsWith("java.util.")
                && (state instanceof List && back instanceof List || state instanceof Set && back instanceof Set
                || state instanceof Map && back instanceof Map);
    }

    private boolean isAllowed(Class<?> type) {
        return prefixes.stream().anyMatch(type.getName()::startsWith);
    }

    /** The state {@link #encode} wrote. */
    public Object decode(byte[] bytes) {
        try {
            return reader.readValue(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("snapshot bytes must be a state this codec wrote; got "
                    + preview(bytes) + " instead: " + e.getMessage(), e);
        }
    }

    /** A state key as the text of the {@code state_key} column: the same key always gives the same text. */
    public String encodeKey(Object key) {
        Objects.requireNonNull(key, "a state key can't be null");
        try {
            return keyWriter.writeValueAsString(key);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("state key must be serializable by Jackson; got a "
                    + key.getClass().getName() + " it can't write instead: " + e.getOriginalMessage(), e);
        }
    }

    /** The key {@link #encodeKey} wrote. */
    public Object decodeKey(String text) {
        return decode(text.getBytes(StandardCharsets.UTF_8));
    }

    private ObjectWriter stateWriter() {
        return stateWriter;
    }

    private ObjectReader reader() {
        return reader;
    }

    private static String preview(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.UTF_8);
        return "'" + text + (bytes.length > 80 ? "…" : "") + "' (" + bytes.length + " bytes)";
    }

    /**
     * Class names wherever the declared type leaves the class open ({@code Object}, interfaces,
     * abstract and non-final classes), as a {@code [class, value]} pair. Jackson leaves the class name off
     * {@code String}, {@code Boolean}, {@code Integer} and {@code Double} there, since JSON brings them
     * back as those anyway.
     */
    private static final class TypedWhereNeeded extends ObjectMapper.DefaultTypeResolverBuilder {
        private static final long serialVersionUID = 1L;

        TypedWhereNeeded(PolymorphicTypeValidator allowed) {
            super(ObjectMapper.DefaultTyping.NON_FINAL, allowed);
            init(JsonTypeInfo.Id.CLASS, null);
            inclusion(JsonTypeInfo.As.WRAPPER_ARRAY);
        }

        @Override
        public boolean useForType(JavaType t) {
            while (t.isArrayType()) {
                t = t.getContentType();
            }
            if (t.isPrimitive()) {
                return false;
            }
            // Optional and friends are reference types; their content is what may need a class name.
            while (t.isReferenceType()) {
                t = t.getReferencedType();
            }
            return t.isJavaLangObject() || !t.isFinal() && !t.isEnumType();
        }
    }
}
