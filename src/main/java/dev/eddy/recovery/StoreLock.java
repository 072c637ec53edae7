package dev.eddy.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One run at a time per store: an OS file lock on {@code eddy-recovery.lock} in the store's directory,
 * held while the store is open. Two executions writing one store at once would interleave their
 * frontiers and snapshots. The OS lets go of the lock when the process dies, {@code kill -9} included,
 * so a crashed run never blocks its own resume. The partition files themselves are never locked this
 * way: SQLite's own POSIX locks on them would be dropped by any other close in the process.
 */
final class StoreLock implements AutoCloseable {

    static final String FILE_NAME = "eddy-recovery.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static StoreLock acquire(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("recovery store " + dir + " must let this run create " + file
                    + "; got " + e + " instead; the store's directory must be writable", e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;           // this JVM holds it already
            }
            if (lock == null) {
                String holder = read(channel);
                channel.close();
                throw new RecoveryException("recovery store " + dir + " must be used by one run at a time; got it"
                        + " open in another run instead (" + (holder.isBlank() ? "unknown" : holder) + "); stop or"
                        + " close that run first (a run that was killed lets go by itself)");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", since " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)), 0);
            return new StoreLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("recovery store " + dir + " must be lockable through " + file + "; got "
                    + e + " instead", e);
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(200);
        int n = channel.read(buf, 0);
        return n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).strip();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held yet
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
