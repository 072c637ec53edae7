package dev.eddy.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One CSV file read row by row with commons-csv, each row a map keyed by the header. Its snapshot is
 * the number of rows handed out; a resumed partition parses past that many rows again (rows may span
 * lines, so a byte offset alone could land inside a quoted field). A row that can't be read fails the
 * partition, but not before the good rows ahead of it in its batch are handed out: that batch ends
 * early, and the next call throws. Each cell's text becomes a value through {@link Cells}: the text itself, or
 * a parsed value for typed columns.
 *
 * @param <V> the type of a row's values
 */
final class CsvPartition<V> implements StatefulSourcePartition<Map<String, V>, Long> {

    /** Turns a cell's text into a row's value. */
    interface Cells<V> {
        /** Every cell as its text. */
        Cells<String> TEXT = (path, header, column, text, row, line) -> text;

        /** Checks the header once it is read; throws a {@link FileFormatException} when it does not fit. */
        default void checkHeader(Path path, List<String> header) {
        }

        /**
         * @param column the column's index in {@code header}
         * @param row the row's number, from 1
         * @param line the line the row starts on
         */
        V cell(Path path, List<String> header, int column, String text, long row, long line);
    }

    private static final String WHAT = "CSVSource";

    private final Path path;
    private final int batchSize;
    private final Utf8Reader reader;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final Cells<V> cells;
    /** The rows handed out (or, while resuming, skipped); a failed row does not count. */
    private long rowsRead;
    /** A failure met after good rows, thrown by the next {@link #nextBatch()}. */
    private RuntimeException pending;

    CsvPartition(Path path, CSVFormat format, int batchSize, Long resumeRows, boolean replaceInvalid, Cells<V> cells) {
        this.path = FileChecks.readableFile(path, WHAT);
        this.batchSize = batchSize;
        this.cells = cells;
        try {
            this.reader = new Utf8Reader(WHAT, path, replaceInvalid);
        } catch (IOException e) {
            throw readFailure(e, "opening", 1);
        }
        try {
            this.parser = CSVParser.builder().setReader(reader).setFormat(format).get();
            this.header = parser.getHeaderNames();
            checkDistinct(header);
            cells.checkHeader(path, header);
        } catch (Utf8Reader.Malformed | FileBytes.FileShrankException e) {
            closeQuietly();
            throw readFailure(e, "reading", 1);
        } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
            closeQuietly();
            throw new FileFormatException(path, 1, "the header of " + path + " must be a valid CSV row of distinct"
                    + " names; got an error instead: " + FileChecks.text(e), e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
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

    /** Two columns of one name would be one key of the row's map: a column lost without a word. */
    private void checkDistinct(List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new FileFormatException(path, 1, "the header of " + path + " must name each column once; got '"
                        + name + "' twice instead, in " + names + "; a row is a map from column name to value, so"
                        + " one column would be lost", null);
            }
        }
    }

    /** The next row as a map, checked against the header; {@code null} at the end of the file. */
    private Map<String, V> next() {
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
            if (cause instanceof Utf8Reader.Malformed || cause instanceof FileBytes.FileShrankException) {
                throw readFailure((IOException) cause, "reading", line);
            }
            if (cause instanceof IOException io && !(cause instanceof org.apache.commons.csv.CSVException)) {
                throw FileChecks.failed(WHAT, "reading", path, io);
            }
            throw new FileFormatException(path, line, "row " + (rowsRead + 1) + " of " + path + " (from line "
                    + line + ") must be valid CSV; got a parse error instead: " + FileChecks.text(cause), e);
        }
        if (record.size() != header.size()) {
            long line = lineBefore + 1;
            throw new FileFormatException(path, line, "row " + (rowsRead + 1) + " of " + path + " (line " + line
                    + ") must have " + header.size() + " fields, one per header column " + header + "; got "
                    + record.size() + " instead: " + FileFormatException.excerpt(String.join(",", record.values())),
                    null);
        }
        Map<String, V> row = new LinkedHashMap<>(header.size() * 2);
        for (int i = 0; i < header.size(); i++) {
            row.put(header.get(i), cells.cell(path, header, i, record.get(i), rowsRead + 1, lineBefore + 1));
        }
        rowsRead++;
        return row;
    }

    /** A reading failure as the exception to report: a bad byte names its line, a shrunk file itself. */
    private RuntimeException readFailure(IOException e, String doing, long line) {
        if (e instanceof Utf8Reader.Malformed malformed) {
            return new FileFormatException(path, malformed.line(), malformed.getMessage(), null);
        }
        if (e instanceof FileBytes.FileShrankException) {
            return new UncheckedIOException(e.getMessage(), e);
        }
        return FileChecks.failed(WHAT, doing, path, e);
    }

    @Override
    public List<Map<String, V>> nextBatch() {
        if (pending != null) {
            throw pending;
        }
        List<Map<String, V>> batch = new ArrayList<>(Math.min(batchSize, 1024));
        while (batch.size() < batchSize) {
            Map<String, V> row;
            try {
                row = next();
            } catch (RuntimeException e) {
                pending = e;
                if (batch.isEmpty()) {
                    throw e;
                }
                return batch;
            }
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
            throw FileChecks.failed(WHAT, "closing", path, e);
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
