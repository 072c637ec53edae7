package dev.eddy.notebook.parquet;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Writes a Tablesaw table as a Parquet file, one typed column per table column, through Apache parquet-java's
 * local files (no Hadoop). It is a room of its own: only {@code Results.writeParquet} reaches it, so the
 * Parquet classes load when a notebook first writes Parquet, never at the kernel's start.
 *
 * <p>Column types: int → INT32, short → INT32 (16-bit), long → INT64, float → FLOAT, double → DOUBLE, boolean
 * → BOOLEAN, string → UTF-8 strings, instant → a UTC timestamp in microseconds, date-time → a local
 * timestamp in microseconds, date → DATE, time → a local TIME in microseconds. Missing values are nulls (every
 * column is optional). Pages are Snappy-compressed
 * ({@link SnappyPages}).
 */
public final class ParquetTables {

    private ParquetTables() {
    }

    /**
     * Writes {@code table} to {@code file}, replacing it if it exists (its folder must exist).
     *
     * @param what names the table in errors, as {@code "writeParquet of 'counts'"}
     * @throws IllegalArgumentException when the table has no columns or a column of a type Parquet is not
     *     given here
     * @throws IOException when the file cannot be written
     */
    public static void write(Table table, Path file, String what) throws IOException {
        List<Writer> columns = new ArrayList<>();
        Types.MessageTypeBuilder schema = Types.buildMessage();
        for (Column<?> column : table.columns()) columns.add(field(column, schema, what));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(what + " must have at least one column to write; got a table with "
                    + "none instead (no item arrived); write it once items have arrived");
        }
        MessageType type = schema.named(parquetName(table.name()));
        SimpleGroupFactory rows = new SimpleGroupFactory(type);
        ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder().withFile(new LocalOutputFile(file))
                .withType(type)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withCodecFactory(new SnappyPages());
        try (ParquetWriter<Group> out = withPlainConfiguration(builder).build()) {
            for (int r = 0; r < table.rowCount(); r++) {
                Group row = rows.newGroup();
                for (int c = 0; c < columns.size(); c++) {
                    Column<?> column = table.column(c);
                    if (!column.isMissing(r)) columns.get(c).add(row, c, column, r);
                }
                out.write(row);
            }
        }
    }

    /**
     * {@code builder.withConf(new PlainParquetConfiguration())}, called through a method handle: {@code withConf}
     * is overloaded with a Hadoop {@code Configuration}, and naming it in Java source needs Hadoop to compile.
     */
    private static ExampleParquetWriter.Builder withPlainConfiguration(ExampleParquetWriter.Builder builder) {
        try {
            MethodHandle withConf = MethodHandles.publicLookup().findVirtual(ParquetWriter.Builder.class, "withConf",
                    MethodType.methodType(ParquetWriter.Builder.class, ParquetConfiguration.class));
            return (ExampleParquetWriter.Builder) withConf.invoke(builder, new PlainParquetConfiguration());
        } catch (Throwable e) {
            throw new IllegalStateException("parquet-java must offer ParquetWriter.Builder.withConf("
                    + "ParquetConfiguration); got " + e + " instead", e);
        }
    }

    /** A schema's name must be a plain identifier for some readers; anything else becomes {@code _}. */
    private static String parquetName(String name) {
        String plain = name == null ? "" : name.replaceAll("[^A-Za-z0-9_]", "_");
        return plain.isEmpty() ? "table" : plain;
    }

    /** Adds one value of a column to a row, at field {@code field}. */
    private interface Writer {
        void add(Group row, int field, Column<?> column, int r);
    }

    /** How a kind of Tablesaw column is stored: its Parquet physical and logical types, and how a value goes in. */
    private record Mapping(Class<?> columns, PrimitiveTypeName physical, LogicalTypeAnnotation logical,
                           Writer writer) {
    }

    private static final List<Mapping> MAPPINGS = List.of(
            new Mapping(IntColumn.class, PrimitiveTypeName.INT32, null, (g, f, c, r) -> g.add(f, (Integer) c.get(r))),
            new Mapping(ShortColumn.class, PrimitiveTypeName.INT32, LogicalTypeAnnotation.intType(16, true),
                    (g, f, c, r) -> g.add(f, (int) (Short) c.get(r))),
            new Mapping(LongColumn.class, PrimitiveTypeName.INT64, null, (g, f, c, r) -> g.add(f, (Long) c.get(r))),
            new Mapping(FloatColumn.class, PrimitiveTypeName.FLOAT, null, (g, f, c, r) -> g.add(f, (Float) c.get(r))),
            new Mapping(DoubleColumn.class, PrimitiveTypeName.DOUBLE, null,
                    (g, f, c, r) -> g.add(f, (Double) c.get(r))),
            new Mapping(BooleanColumn.class, PrimitiveTypeName.BOOLEAN, null,
                    (g, f, c, r) -> g.add(f, (Boolean) c.get(r))),
            new Mapping(StringColumn.class, PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(),
                    (g, f, c, r) -> g.add(f, (String) c.get(r))),
            new Mapping(InstantColumn.class, PrimitiveTypeName.INT64,
                    LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS),
                    (g, f, c, r) -> g.add(f, micros((Instant) c.get(r)))),
            new Mapping(DateTimeColumn.class, PrimitiveTypeName.INT64,
                    LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS),
                    (g, f, c, r) -> g.add(f, micros(((LocalDateTime) c.get(r)).toInstant(ZoneOffset.UTC)))),
            new Mapping(DateColumn.class, PrimitiveTypeName.INT32, LogicalTypeAnnotation.dateType(),
                    (g, f, c, r) -> g.add(f, Math.toIntExact(((LocalDate) c.get(r)).toEpochDay()))),
            new Mapping(TimeColumn.class, PrimitiveTypeName.INT64,
                    LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS),
                    (g, f, c, r) -> g.add(f, ((LocalTime) c.get(r)).toNanoOfDay() / 1_000)));

    /** Adds {@code column}'s field to {@code schema} and returns how its values go in. */
    private static Writer field(Column<?> column, Types.MessageTypeBuilder schema, String what) {
        for (Mapping m : MAPPINGS) {
            if (m.columns().isInstance(column)) {
                schema.optional(m.physical()).as(m.logical()).named(column.name());
                return m.writer();
            }
        }
        throw new IllegalArgumentException(what + " must have columns Parquet can hold (int, short, long, "
                + "float, double, boolean, string, instant, date-time, date, time); got column '" + column.name()
                + "' of type " + column.type().name().toLowerCase(java.util.Locale.ROOT)
                + " instead; turn it into one of those first, or use writeCsv");
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }
}
