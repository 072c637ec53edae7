package dev.eddy.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Objects;

/**
 * JSON keys and values through Jackson: records, maps, lists, {@code java.time} values (as ISO-8601 text).
 *
 * <pre>{@code
 * import dev.eddy.kafka.JsonSerde;
 * record Click(String user, Instant at) {}
 * byte[] json = JsonSerde.<Click>serializer().ser(new Click("u1", Instant.EPOCH));
 * System.out.println(new String(json));
 * System.out.println(JsonSerde.deserializer(Click.class).de(json));
 * // {"user":"u1","at":"1970-01-01T00:00:00Z"}
 * // Click[user=u1, at=1970-01-01T00:00:00Z]
 * }</pre>
 */
public final class JsonSerde {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private JsonSerde() {
    }

    /** Writes any value Jackson can as JSON text in UTF-8. */
    public static <T> SchemaSerializer<T> serializer() {
        return obj -> {
            try {
                return MAPPER.writeValueAsBytes(obj);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("a value must be writable as JSON; got " + obj + " instead: "
                        + e.getOriginalMessage(), e);
            }
        };
    }

    /** Reads JSON text into a {@code type}; malformed JSON or a missing or mistyped field throws. */
    public static <T> SchemaDeserializer<T> deserializer(Class<T> type) {
        Objects.requireNonNull(type, "JsonSerde.deserializer type can't be null");
        return bytes -> {
            if (bytes == null) {
                throw new IllegalArgumentException("a JSON " + type.getSimpleName() + " must be bytes; got null instead");
            }
            try {
                return MAPPER.readValue(bytes, type);
            } catch (IOException e) {
                String text = new String(bytes, 0, Math.min(bytes.length, 80), java.nio.charset.StandardCharsets.UTF_8);
                throw new IllegalArgumentException("a value must be a JSON " + type.getSimpleName() + "; got '" + text
                        + (bytes.length > 80 ? "…" : "") + "' instead: " + firstLine(e), e);
            }
        };
    }

    private static String firstLine(IOException e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.toString() : m.lines().findFirst().orElse(m);
    }

}
