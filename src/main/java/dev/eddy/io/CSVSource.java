package dev.eddy.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;

/**
 * Reads a UTF-8 CSV file row by row, as Bytewax's {@code CSVSource}: each item is a
 * {@code Map<String, String>} from the header's column names to the row's values, in column order.
 * The first row is the header unless the format names the columns itself. Parsing is
 * <a href="https://commons.apache.org/proper/commons-csv/">Apache Commons CSV</a>'s, so quoted fields
 * may hold commas and line breaks; pass a {@code CSVFormat} for other delimiters, quotes or comment
 * markers. The file is one partition whose resume state is the number of rows handed out. A byte
 * order mark at the start of the file is skipped. A header that names a column twice, a row with more
 * or fewer fields than the header, or a byte that is not UTF-8 stops the run with a
 * {@link FileFormatException} naming the file and the line, once the rows before it were handed out;
 * {@link #replacingInvalidUtf8()} reads such bytes as U+FFFD instead. A file that gets shorter while
 * it is read stops the run too, rather than ending the input early.
 *
 * <pre>{@code
 * Path file = Files.createTempFile("scores", ".csv");
 * Files.writeString(file, "name,score\nana,3\nbo,\"1,5\"\n");
 * var flow = new Dataflow("csv_eg");
 * flow.input("inp", new CSVSource(file)).inspect("out");
 * Runner.runMain(flow);
 * // csv_eg.out: {name=ana, score=3}
 * // csv_eg.out: {name=bo, score=1,5}
 * }</pre>
 */
public final class CSVSource implements FixedPartitionedSource<Map<String, String>, Long> {

    private final Path path;
    private final int batchSize;
    private final CSVFormat format;
    private final boolean replaceInvalid;

    /** Reads {@code path} as RFC 4180 CSV with a header row, 1000 rows per batch. */
    public CSVSource(Path path) {
        this(path, FileSource.DEFAULT_BATCH_SIZE);
    }

    /** Reads {@code path} as RFC 4180 CSV with a header row, {@code batchSize} rows per batch. */
    public CSVSource(Path path, int batchSize) {
        this(path, batchSize, CSVFormat.DEFAULT);
    }

    /**
     * Reads {@code path} in {@code format}, {@code batchSize} rows per batch. When the format names no
     * header, the file's first row is the header.
     *
     * <pre>{@code
     * import org.apache.commons.csv.CSVFormat;
     * Path file = Files.createTempFile("scores", ".tsv");
     * Files.writeString(file, "# exported\nname\tscore\nana\t3\n");
     * var tabs = CSVFormat.TDF.builder().setCommentMarker('#').get();
     * var part = new CSVSource(file, 1000, tabs).buildPart("eg.inp", file.toString(), null);
     * System.out.println(part.nextBatch());
     * // [{name=ana, score=3}]
     * }</pre>
     *
     * @throws IllegalArgumentException when the file does not exist or can't be read, or the batch
     *     size is below 1
     */
    public CSVSource(Path path, int batchSize, CSVFormat format) {
        this.path = FileChecks.readableFile(path, "CSVSource");
        this.batchSize = FileChecks.batchSize(batchSize, "CSVSource");
        Objects.requireNonNull(format, "CSVSource format can't be null");
        String[] header = format.getHeader();
        this.format = header == null || header.length == 0
                ? format.builder().setHeader().setSkipHeaderRecord(true).get()
                : format;
        this.replaceInvalid = false;
    }

    private CSVSource(CSVSource source, boolean replaceInvalid) {
        this.path = source.path;
        this.batchSize = source.batchSize;
        this.format = source.format;
        this.replaceInvalid = replaceInvalid;
    }

    /**
     * This source, but reading bytes that are not UTF-8 as U+FFFD, the replacement character, instead
     * of failing on their row, as {@link FileSource#replacingInvalidUtf8()} does.
     */
    public CSVSource replacingInvalidUtf8() {
        return new CSVSource(this, true);
    }

    /** The one partition: the path as given. */
    @Override
    public List<String> listParts() {
        return List.of(path.toString());
    }

    @Override
    public StatefulSourcePartition<Map<String, String>, Long> buildPart(String stepId, String forPart,
            Long resumeState) {
        FileChecks.part(forPart, path.toString(), "CSVSource in step '" + stepId + "'");
        return new CsvPartition<>(path, format, batchSize, resumeState, replaceInvalid, CsvPartition.Cells.TEXT);
    }

    /**
     * This source with typed columns, as Tablesaw's CSV reader offers: each row is a {@code Map<String, Object>}
     * whose columns named in {@code types} hold parsed values ({@code String}, {@code Integer}, {@code Long},
     * {@code Double}, {@code Boolean}, {@code BigDecimal}, {@code Instant}, {@code LocalDate} or
     * {@code LocalDateTime}; an empty cell is {@code null}), the other columns their text. A value that does not
     * parse stops the run with a {@link FileFormatException} naming the file, the line and the column, once the
     * rows before it were handed out; a typed column missing from the header stops it before the first row.
     *
     * <pre>{@code
     * Path file = Files.createTempFile("events", ".csv");
     * Files.writeString(file, "ts,n,who\n2024-01-01T00:00:00Z,3,ana\n");
     * var source = new CSVSource(file).withTypes(Map.of("ts", Instant.class, "n", Long.class));
     * var row = source.buildPart("eg.inp", file.toString(), null).nextBatch().get(0);
     * System.out.println(row + " " + (row.get("n") instanceof Long) + " " + (row.get("ts") instanceof Instant));
     * // {ts=2024-01-01T00:00:00Z, n=3, who=ana} true true
     * }</pre>
     *
     * @throws IllegalArgumentException when a type is not one of those above
     */
    public Typed withTypes(Map<String, ? extends Class<?>> types) {
        return new Typed(this, new CsvColumnTypes(types));
    }

    /** A {@link CSVSource} whose rows hold parsed values in their typed columns: see {@link #withTypes}. */
    public static final class Typed implements FixedPartitionedSource<Map<String, Object>, Long> {

        private final CSVSource source;
        private final CsvColumnTypes types;

        private Typed(CSVSource source, CsvColumnTypes types) {
            this.source = source;
            this.types = types;
        }

        /** The one partition: the path as given. */
        @Override
        public List<String> listParts() {
            return source.listParts();
        }

        @Override
        public StatefulSourcePartition<Map<String, Object>, Long> buildPart(String stepId, String forPart,
                Long resumeState) {
            FileChecks.part(forPart, source.path.toString(), "CSVSource in step '" + stepId + "'");
            return new CsvPartition<>(source.path, source.format, source.batchSize, resumeState,
                    source.replaceInvalid, types);
        }

        @Override
        public String toString() {
            String plain = source.toString();
            return plain.substring(0, plain.length() - 1) + ", types=" + types + ")";
        }
    }

    @Override
    public String toString() {
        return "CSVSource(" + path + ", batchSize=" + batchSize + (replaceInvalid ? ", replacing invalid UTF-8" : "")
                + ")";
    }
}
