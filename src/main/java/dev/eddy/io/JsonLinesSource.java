package dev.eddy.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a <a href="https://jsonlines.org">JSON Lines</a> file: each non-blank line is one JSON value,
 * decoded with jackson-databind into a {@code Map<String, Object>} or into a class or record you name.
 * {@code java.time} types work ({@code Instant} from an ISO-8601 string such as
 * {@code "2024-01-01T00:00:00Z"}). Like {@link FileSource}, the file is one partition that resumes
 * from its {@link FilePosition}. A line that does not parse stops the run with a
 * {@link FileFormatException} naming the file, the line and Jackson's message, once the lines before
 * it were handed out. Lines must be UTF-8 (a byte order mark at the start is skipped), as
 * {@link FileSource} reads them; {@link #replacingInvalidUtf8()} reads other bytes as U+FFFD.
 *
 * <p>Jackson limits what one value may hold ({@code StreamReadConstraints}): by default a string of
 * at most 20,000,000 characters, a number of at most 1,000 digits, nesting at most 1,000 levels deep.
 * A line beyond a limit fails naming it; pass a mapper with higher limits to read such lines.
 *
 * <pre>{@code
 * record Click(String user, Instant at) {}
 * Path file = Files.createTempFile("clicks", ".jsonl");
 * Files.writeString(file, "{\"user\": \"ana\", \"at\": \"2024-01-01T00:00:05Z\"}\n");
 * var flow = new Dataflow("jsonl_eg");
 * flow.input("inp", new JsonLinesSource<>(file, Click.class)).inspect("out");
 * Runner.runMain(flow);
 * // jsonl_eg.out: Click[user=ana, at=2024-01-01T00:00:05Z]
 * }</pre>
 *
 * @param <T> the item type
 */
public final class JsonLinesSource<T> implements FixedPartitionedSource<T, FilePosition> {

    /** What to do about Jackson's {@code StreamReadConstraints}, for the message of a line beyond them. */
    static final String LIMITS_HINT = "Jackson reads strings of at most 20,000,000 characters by default"
            + " (numbers of at most 1,000 digits, nesting at most 1,000 levels deep); to read longer ones, pass"
            + " JsonLinesSource an ObjectMapper whose JsonFactory has higher StreamReadConstraints, such as"
            + " JsonMapper.builder(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()"
            + ".maxStringLength(100_000_000).build()).build()).build()";

    private static final ObjectMapper DEFAULT_MAPPER = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private final Path path;
    private final ObjectReader reader;
    private final String typeName;
    private final int batchSize;
    private final boolean replaceInvalid;

    /**
     * Decodes each line of {@code path} into a {@code type}, 1000 lines per batch.
     *
     * @throws IllegalArgumentException when the file does not exist or can't be read
     */
    public JsonLinesSource(Path path, Class<T> type) {
        this(path, type, FileSource.DEFAULT_BATCH_SIZE);
    }

    /** Decodes each line of {@code path} into a {@code type}, {@code batchSize} lines per batch. */
    public JsonLinesSource(Path path, Class<T> type, int batchSize) {
        this(path, DEFAULT_MAPPER, DEFAULT_MAPPER.constructType(Objects.requireNonNull(type,
                "JsonLinesSource type can't be null")), batchSize);
    }

    /**
     * Decodes each line of {@code path} into a {@code type} with your own {@code mapper}, for
     * settings such as {@code FAIL_ON_UNKNOWN_PROPERTIES} or higher {@code StreamReadConstraints};
     * register {@code JavaTimeModule} on it if your type has {@code java.time} fields.
     *
     * <pre>{@code
     * import com.fasterxml.jackson.core.JsonFactory;
     * import com.fasterxml.jackson.core.StreamReadConstraints;
     * import com.fasterxml.jackson.databind.json.JsonMapper;
     * var roomy = JsonMapper.builder(JsonFactory.builder()
     *     .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(100_000_000).build()).build()).build();
     * Path file = Files.createTempFile("docs", ".jsonl");
     * Files.writeString(file, "{\"body\": \"a long text\"}\n");
     * var source = new JsonLinesSource<>(file, roomy, Map.class, 1000);
     * System.out.println(Partitions.drain(source.buildPart("eg.inp", file.toString(), null)) + " "
     *     + roomy.getFactory().streamReadConstraints().getMaxStringLength());
     * // [{body=a long text}] 100000000
     * }</pre>
     */
    public JsonLinesSource(Path path, ObjectMapper mapper, Class<T> type, int batchSize) {
        this(path, Objects.requireNonNull(mapper, "JsonLinesSource mapper can't be null"),
                mapper.constructType(Objects.requireNonNull(type, "JsonLinesSource type can't be null")), batchSize);
    }

    private JsonLinesSource(Path path, ObjectMapper mapper, JavaType type, int batchSize) {
        this.path = FileChecks.readableFile(path, "JsonLinesSource");
        this.batchSize = FileChecks.batchSize(batchSize, "JsonLinesSource");
        this.reader = mapper.readerFor(type).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.typeName = type.getRawClass().getSimpleName();
        this.replaceInvalid = false;
    }

    private JsonLinesSource(JsonLinesSource<T> source, boolean replaceInvalid) {
        this.path = source.path;
        this.batchSize = source.batchSize;
        this.reader = source.reader;
        this.typeName = source.typeName;
        this.replaceInvalid = replaceInvalid;
    }

    /** Decodes each line of {@code path} into a {@code Map<String, Object>}, 1000 lines per batch. */
    public static JsonLinesSource<Map<String, Object>> ofMaps(Path path) {
        return ofMaps(path, FileSource.DEFAULT_BATCH_SIZE);
    }

    /** Decodes each line of {@code path} into a {@code Map<String, Object>}, {@code batchSize} per batch. */
    public static JsonLinesSource<Map<String, Object>> ofMaps(Path path, int batchSize) {
        return new JsonLinesSource<>(path, DEFAULT_MAPPER,
                DEFAULT_MAPPER.getTypeFactory().constructType(new TypeReference<Map<String, Object>>() { }), batchSize);
    }

    /**
     * This source, but reading bytes that are not UTF-8 as U+FFFD, the replacement character, instead
     * of failing on their line, as {@link FileSource#replacingInvalidUtf8()} does.
     */
    public JsonLinesSource<T> replacingInvalidUtf8() {
        return new JsonLinesSource<>(this, true);
    }

    /** The one partition: the path as given. */
    @Override
    public List<String> listParts() {
        return List.of(path.toString());
    }

    @Override
    public StatefulSourcePartition<T, FilePosition> buildPart(String stepId, String forPart,
            FilePosition resumeState) {
        FileChecks.part(forPart, path.toString(), "JsonLinesSource in step '" + stepId + "'");
        return new LinePartition<>("JsonLinesSource", path, batchSize, resumeState, replaceInvalid, this::decode);
    }

    private T decode(String line, long lineNumber) {
        if (line.isBlank()) {
            return null;
        }
        T item;
        try {
            item = reader.readValue(line);
        } catch (StreamConstraintsException e) {
            throw new FileFormatException(path, lineNumber, "line " + lineNumber + " of " + path
                    + " must be JSON for a " + typeName + " within Jackson's limits; got "
                    + FileFormatException.excerpt(line) + " instead; Jackson: " + e.getOriginalMessage() + "; "
                    + LIMITS_HINT, e);
        } catch (JsonProcessingException e) {
            throw new FileFormatException(path, lineNumber, "line " + lineNumber + " of " + path
                    + " must be JSON for a " + typeName + "; got " + FileFormatException.excerpt(line) + " instead; Jackson: "
                    + e.getOriginalMessage(), e);
        }
        if (item == null) {
            throw new FileFormatException(path, lineNumber, "line " + lineNumber + " of " + path
                    + " must hold a JSON value for a " + typeName + "; got null instead", null);
        }
        return item;
    }

    @Override
    public String toString() {
        return "JsonLinesSource(" + path + " as " + typeName + ", batchSize=" + batchSize
                + (replaceInvalid ? ", replacing invalid UTF-8" : "") + ")";
    }
}
