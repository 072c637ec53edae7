package dev.eddy.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes Avro values (a {@code GenericRecord} for a record schema) as plain Avro binary: no schema id, no
 * framing, as Bytewax's {@code PlainAvroSerializer}. For Confluent Schema Registry's framed format, write a
 * {@link SchemaSerializer} around its serializer.
 *
 * <pre>{@code
 * import dev.eddy.kafka.*;
 * import org.apache.avro.Schema;
 * import org.apache.avro.generic.GenericData;
 * var schema = new Schema.Parser().parse(
 *         "{\"type\":\"record\",\"name\":\"Click\",\"fields\":[{\"name\":\"user\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"int\"}]}");
 * var click = new GenericData.Record(schema);
 * click.put("user", "u1");
 * click.put("n", 3);
 * byte[] bytes = new PlainAvroSerializer(schema).ser(click);
 * System.out.println(new PlainAvroDeserializer(schema).de(bytes));
 * // {"user": "u1", "n": 3}
 * }</pre>
 */
public final class PlainAvroSerializer implements SchemaSerializer<Object> {

    private final Schema schema;
    private final GenericDatumWriter<Object> writer;

    public PlainAvroSerializer(Schema schema) {
        this.schema = Objects.requireNonNull(schema, "PlainAvroSerializer schema can't be null");
        this.writer = new GenericDatumWriter<>(schema);
    }

    @Override
    public byte[] ser(Object obj) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            writer.write(obj, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("a value must fit Avro schema " + schema.getFullName() + "; got " + obj
                    + " instead: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
