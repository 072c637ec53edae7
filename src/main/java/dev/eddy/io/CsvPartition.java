package dev.eddy.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One CSV file read row by row with commons-csv, each row a map keyed by the header. Its snapshot is
 * the number of rows handed out; a resumed partition parses past that many rows again (rows may span
 * lines, so a byte offset alone could land inside a quoted field).
 */
final class CsvPartition implements StatefulSourcePartition<Map<String, String>, Long> {

    private final Path path;
    private final int batchSize;
    private final Reader reader;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private long rowsRead;

    CsvPartition(Path path, CSVFormat format, int batchSize, Long resumeRows) {
        this.path = FileChecks.readableFile(path, "CSVSource");
        this.batchSize = batchSize;
        try {
            this.reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw FileChecks.failed("CSVSource", "opening", path, e);
        }
        try {
            this.parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
            closeQuietly();
            throw new FileFormatException(path, 1, "the header of " + path + " must be a valid CSV row of distinct"
                    + " names; got an error instead: " + e.getMessage(), e);
        }
        this.header = parser.getHeaderNames();
        this.records = parser.iterator();
        long skip = resumeRows == null ? 0 : resumeRows;
        while (rowsRead < skip) {
            if (next() == null) {
                closeQuietly();
                throw new IllegalArgumentException("CSVSource resume state for " + path + " must be at most its "
                        + rowsRead + " rows; got " + skip + " instead; the file shrank since the snapshot");
            }
        }
    }

    /** The next row as a map, checked against the header; {@code null} at the end of the file. */
    private Map<String, String> next() {
        long lineBefore = parser.getCurrentLineNumber();
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                return null;
            }
            record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            long line = lineBefore + 1;
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new FileFormatException(path, line, "row " + (rowsRead + 1) + " of " + path + " (from line "
                    + line + ") must be valid CSV; got a parse error instead: " + cause.getMessage(), e);
        }
        rowsRead++;
        if (record.size() != header.size()) {
            long line = lineBefore + 1;
            throw new FileFormatException(path, line, "row " + rowsRead + " of " + path + " (line " + line
                    + ") must have " + header.size() + " fields, one per header column " + header + "; got "
                    + record.size() + " instead: " + FileFormatException.excerpt(String.join(",", record.values())),
                    null);
        }
        Map<String, String> row = new LinkedHashMap<>(header.size() * 2);
        for (int i = 0; i < header.size(); i++) {
            row.put(header.get(i), record.get(i));
        }
        return row;
    }

    @Override
    public List<Map<String, String>> nextBatch() {
        List<Map<String, String>> batch = new ArrayList<>(Math.min(batchSize, 1024));
        while (batch.size() < batchSize) {
            Map<String, String> row = next();
            if (row == null) {
                break;
            }
            batch.add(row);
        }
        if (batch.isEmpty()) {
            throw new EndOfInput();
        }
        return batch;
    }

    @Override
    public Long snapshot() {
        return rowsRead;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw FileChecks.failed("CSVSource", "closing", path, e);
        }
    }

    private void closeQuietly() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // The failure being reported matters more than this one.
        }
    }

    @Override
    public String toString() {
        return "CSVSource partition of " + path + " after row " + rowsRead;
    }
}
