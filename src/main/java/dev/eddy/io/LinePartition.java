package dev.eddy.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One file read line by line, {@code batchSize} lines per batch, each decoded into an item. Its
 * snapshot is the {@link FilePosition} after the last line handed out.
 */
final class LinePartition<T> implements StatefulSourcePartition<T, FilePosition> {

    private final String what;
    private final Path path;
    private final int batchSize;
    private final LineDecoder<T> decoder;
    private final LineReader reader;

    LinePartition(String what, Path path, int batchSize, FilePosition resume, LineDecoder<T> decoder) {
        this.what = what;
        this.path = FileChecks.readableFile(path, what);
        this.batchSize = batchSize;
        this.decoder = decoder;
        try {
            this.reader = new LineReader(path, resume == null ? FilePosition.START : resume);
        } catch (IOException e) {
            throw FileChecks.failed(what, "opening", path, e);
        }
    }

    @Override
    public List<T> nextBatch() {
        List<T> batch = new ArrayList<>(Math.min(batchSize, 1024));
        boolean endOfFile = false;
        try {
            for (int read = 0; read < batchSize; read++) {
                String line = reader.readLine();
                if (line == null) {
                    endOfFile = true;
                    break;
                }
                T item = decoder.decode(line, reader.position().line());
                if (item != null) {
                    batch.add(item);
                }
            }
        } catch (IOException e) {
            throw FileChecks.failed(what, "reading", path, e);
        }
        if (endOfFile && batch.isEmpty()) {
            throw new EndOfInput();
        }
        return batch;
    }

    @Override
    public FilePosition snapshot() {
        return reader.position();
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw FileChecks.failed(what, "closing", path, e);
        }
    }

    @Override
    public String toString() {
        return what + " partition of " + path + " at line " + reader.position().line();
    }
}
