package dev.eddy.recovery;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Map keys whose declared type is {@code Object} (a {@code TreeMap} held in an {@code Object} field, a
 * raw map): JSON object keys are strings, so Jackson would bring a {@code Long} key back as
 * {@code "1"}. A {@code String} key is written as itself; any other key as {@code \u0000} followed by its
 * typed JSON, read back through the same codec and allow-list. Keys of a declared type ({@code
 * Map<Long, V>}) keep Jackson's own handling.
 */
final class ObjectKeys {

    private static final char TYPED = '\u0000';

    private ObjectKeys() {
    }

    static SimpleModule module(Supplier<ObjectWriter> typedWriter, Supplier<ObjectReader> typedReader) {
        return new SimpleModule("eddy-object-keys") {
            private static final long serialVersionUID = 1L;

            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addKeySerializers(new Serializers.Base() {
                    @Override
                    public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type,
                                                            BeanDescription desc) {
                        return type.isJavaLangObject() ? new Writer(typedWriter) : null;
                    }
                });
                context.addKeyDeserializers((type, config, desc) ->
                        type.isJavaLangObject() ? new Reader(typedReader) : null);
            }
        };
    }

    private static final class Writer extends JsonSerializer<Object> {
        private final Supplier<ObjectWriter> typed;

        Writer(Supplier<ObjectWriter> typed) {
            this.typed = typed;
        }

        @Override
        public void serialize(Object key, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (key instanceof String s && (s.isEmpty() || s.charAt(0) != TYPED)) {
                gen.writeFieldName(s);
            } else {
                gen.writeFieldName(TYPED + typed.get().writeValueAsString(key));
            }
        }
    }

    private static final class Reader extends KeyDeserializer {
        private final Supplier<ObjectReader> typed;

        Reader(Supplier<ObjectReader> typed) {
            this.typed = typed;
        }

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (key.isEmpty() || key.charAt(0) != TYPED) {
                return key;
            }
            return typed.get().readValue(key.substring(1));
        }
    }
}
