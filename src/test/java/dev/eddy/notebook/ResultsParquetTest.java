package dev.eddy.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.testing.TestingSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.PlainReadOptions;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results.writeParquet, read back with parquet-java's own reader; Hadoop is nowhere on the class path. */
class ResultsParquetTest {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    record Reading(String sensor, int count, long total, double celsius, boolean ok, Instant at, LocalDate day,
                   LocalDateTime local, LocalTime time) {
    }

    private static final List<Reading> READINGS = List.of(
            new Reading("a", 1, 10_000_000_000L, 20.5, true, T0.plusMillis(1_500), LocalDate.of(2024, 2, 29),
                    LocalDateTime.of(2024, 1, 1, 12, 30, 15, 250_000_000), LocalTime.of(9, 15, 0, 1_000_000)),
            new Reading(null, -2, -3L, -0.25, false, Instant.parse("1969-12-31T23:59:59Z"), LocalDate.of(1960, 1, 1),
                    LocalDateTime.of(1999, 12, 31, 23, 59), LocalTime.MIDNIGHT),
            new Reading("ü \"quoted\", 日本", 0, 0L, Double.NaN, true, T0, LocalDate.EPOCH,
                    LocalDateTime.of(2024, 6, 1, 0, 0), LocalTime.of(23, 59, 59)));

    /**
     * A file's rows as lists of Java values (null where missing), read with parquet-java's file reader and record
     * assembly; pages are decompressed by snappy-java, a Snappy implementation other than the writer's.
     */
    private static List<List<Object>> rows(Path file, MessageType[] schema) throws IOException {
        List<List<Object>> out = new ArrayList<>();
        ParquetReadOptions options = PlainReadOptions.with(new SnappyJava());
        try (ParquetFileReader reader = new ParquetFileReader(new LocalInputFile(file), options)) {
            schema[0] = reader.getFooter().getFileMetaData().getSchema();
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema[0])
                        .getRecordReader(pages, new GroupRecordConverter(schema[0]));
                for (long r = 0; r < pages.getRowCount(); r++) {
                    Group g = records.read();
                    List<Object> row = new ArrayList<>();
                    for (int f = 0; f < schema[0].getFieldCount(); f++) row.add(value(g, f));
                    out.add(row);
                }
            }
        }
        return out;
    }

    /** Decompresses Snappy pages with snappy-java (on the class path through Kafka's client). */
    private static final class SnappyJava implements CompressionCodecFactory,
            CompressionCodecFactory.BytesInputDecompressor {
        @Override
        public BytesInputCompressor getCompressor(CompressionCodecName codec) {
            throw new UnsupportedOperationException("reading only");
        }

        @Override
        public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
            assertThat(codec).isEqualTo(CompressionCodecName.SNAPPY);
            return this;
        }

        @Override
        public BytesInput decompress(BytesInput page, int size) throws IOException {
            byte[] out = org.xerial.snappy.Snappy.uncompress(page.toByteArray());
            assertThat(out).hasSize(size);
            return BytesInput.from(out);
        }

        @Override
        public void decompress(java.nio.ByteBuffer in, int inSize, java.nio.ByteBuffer out, int outSize) {
            throw new UnsupportedOperationException("heap pages only");
        }

        @Override
        public void release() {
        }
    }

    private static Object value(Group g, int f) {
        if (g.getFieldRepetitionCount(f) == 0) return null;
        PrimitiveType type = g.getType().getType(f).asPrimitiveType();
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return switch (type.getPrimitiveTypeName()) {
            case INT32 -> logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                    ? LocalDate.ofEpochDay(g.getInteger(f, 0)) : (Object) g.getInteger(f, 0);
            case INT64 -> {
                long v = g.getLong(f, 0);
                if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                    Instant t = Instant.EPOCH.plusNanos(v * 1_000);
                    yield ts.isAdjustedToUTC() ? t : LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC);
                }
                yield logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation
                        ? LocalTime.ofNanoOfDay(v * 1_000) : (Object) v;
            }
            case DOUBLE -> g.getDouble(f, 0);
            case BOOLEAN -> g.getBoolean(f, 0);
            case BINARY -> g.getString(f, 0);
            default -> throw new AssertionError("unexpected column type " + type);
        };
    }

    private static Results readings() {
        var flow = new Dataflow("pq");
        return Capture.of(flow).stream("readings", flow.input("inp", TestingSource.of(READINGS, 10))).run();
    }

    @Test
    void writeParquetWritesEveryRowWithColumnsTypedAsTheTables(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out/readings.parquet");
        assertThat(readings().writeParquet("readings", file)).isEqualTo(file);

        MessageType[] schema = new MessageType[1];
        List<List<Object>> rows = rows(file, schema);
        assertThat(rows).hasSize(3);
        for (int i = 0; i < READINGS.size(); i++) {
            Reading r = READINGS.get(i);
            // A table's double column holds NaN as a missing value, so the file has a null there, as the table shows.
            Double celsius = Double.isNaN(r.celsius()) ? null : r.celsius();
            assertThat(rows.get(i)).as("row %d", i).containsExactly(r.sensor(), r.count(), r.total(), celsius,
                    r.ok(), r.at(), r.day(), r.local(), r.time());
        }
        assertThat(schema[0].getFields()).extracting(Type::getName)
                .containsExactly("sensor", "count", "total", "celsius", "ok", "at", "day", "local", "time");
        assertThat(schema[0].getFields()).allMatch(t -> t.isRepetition(Type.Repetition.OPTIONAL));
        List<PrimitiveTypeName> physical = schema[0].getFields().stream()
                .map(t -> t.asPrimitiveType().getPrimitiveTypeName()).toList();
        assertThat(physical).containsExactly(PrimitiveTypeName.BINARY, PrimitiveTypeName.INT32,
                PrimitiveTypeName.INT64, PrimitiveTypeName.DOUBLE, PrimitiveTypeName.BOOLEAN, PrimitiveTypeName.INT64,
                PrimitiveTypeName.INT32, PrimitiveTypeName.INT64, PrimitiveTypeName.INT64);
        assertThat(schema[0].getFields().stream().map(Type::getLogicalTypeAnnotation).toList()).containsExactly(
                LogicalTypeAnnotation.stringType(), null, null, null, null,
                LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS), LogicalTypeAnnotation.dateType(),
                LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS),
                LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS));
    }

    @Test
    void writeParquetOfAWindowedCaptureHasItsWindowColumnsAndLateRows(@TempDir Path dir) throws IOException {
        var flow = new Dataflow("pq_win");
        Results r = Capture.of(flow).window("counts", CaptureTest.windowOut(flow)).run();
        MessageType[] schema = new MessageType[1];
        List<List<Object>> rows = rows(r.writeParquet("counts", dir.resolve("counts.parquet")), schema);
        assertThat(schema[0].getFields()).extracting(Type::getName)
                .containsExactly("key", "window_id", "open_time", "close_time", "value", "late");
        assertThat(rows).containsExactly(
                Arrays.asList("a", 0L, TablesTest.T0, TablesTest.T0.plusSeconds(10), "2", false),
                Arrays.asList("b", 0L, TablesTest.T0, TablesTest.T0.plusSeconds(10), "1", false),
                Arrays.asList("a", 0L, TablesTest.T0, TablesTest.T0.plusSeconds(10), "<script>x</script>", true));
    }

    @Test
    void writeParquetReplacesAnEarlierFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("readings.parquet");
        Files.writeString(file, "not parquet");
        readings().writeParquet("readings", file);
        assertThat(rows(file, new MessageType[1])).hasSize(3);
    }

    @Test
    void writeParquetOfACaptureWithNoItemsSaysThereIsNothingToWrite(@TempDir Path dir) {
        var flow = new Dataflow("pq_empty");
        Results r = Capture.of(flow).stream("none", flow.input("inp", TestingSource.<String>of())).run();
        Path file = dir.resolve("none.parquet");
        assertThatThrownBy(() -> r.writeParquet("none", file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("writeParquet of 'none' must have at least one column to write; got a table with none "
                        + "instead (no item arrived); write it once items have arrived");
        assertThat(file).doesNotExist();
    }

    @Test
    void writeParquetOverAFolderNamesTheCallTheCaptureAndTheFile(@TempDir Path dir) {
        assertThatThrownBy(() -> readings().writeParquet("readings", dir))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("writeParquet of 'readings' must write " + dir + "; got ");
    }

    @Test
    void writeParquetNeedsNoHadoop() {
        assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
