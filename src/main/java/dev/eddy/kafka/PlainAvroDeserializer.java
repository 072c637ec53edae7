package dev.eddy.kafka;

import java.io.IOException;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads plain Avro binary (no schema id, no framing) written with {@code schema}, as Bytewax's
 * {@code PlainAvroDeserializer}: a {@code GenericRecord} for a record schema. Bytes that end early, or that
 * have bytes left over once the value is read, are malformed and throw. See {@link PlainAvroSerializer} for
 * an example.
 */
public final class PlainAvroDeserializer implements SchemaDeserializer<Object> {

    private final Schema schema;
    private final GenericDatumReader<Object> reader;

    public PlainAvroDeserializer(Schema schema) {
        this.schema = Objects.requireNonNull(schema, "PlainAvroDeserializer schema can't be null");
        this.reader = new GenericDatumReader<>(schema);
    }

    @Override
    public Object de(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("an Avro " + schema.getFullName() + " must be bytes; got null instead");
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
        Object value;
        try {
            value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IOException("bytes left over after the value");
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("a value must be Avro " + schema.getFullName() + "; got " + bytes.length
                    + " bytes that are not: " + e.getMessage(), e);
        }
        return value;
    }
}
