package dev.eddy.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A cell's {@code System.out} and {@code System.err}, coalesced into few stream messages: what the cell writes is
 * sent once {@link Limits#flushBytes} have gathered or {@link Limits#flushMillis} after the first unsent byte, and
 * everything left at the cell's end, so a cell printing line by line sends a few messages instead of one a line.
 * Writes to the two streams keep their order (a switch from one to the other sends what was gathered).
 *
 * <p>A cell's first {@link Limits#headBytes} stream as they come. What follows is held back, only its last
 * {@link Limits#tailBytes} kept, and sent when the cell ends after a note saying how many lines and bytes were cut
 * between them; head and tail are cut at line ends. The notes go to stderr. Output written while no cell is attached
 * (a thread still writing after its cell ended) goes to the kernel's own streams, the log.
 */
final class CellOutput {
    /** When gathered output is sent, and how much of a cell's output is shown. */
    record Limits(int flushBytes, long flushMillis, long headBytes, long tailBytes) {
        static final Limits DEFAULT = new Limits(16 * 1024, 50, 1024 * 1024, 256 * 1024);
    }

    /** Where a cell's output goes: a stream message each call, always made holding this {@code CellOutput}'s lock. */
    interface Sink {
        void write(boolean stdout, String text);
    }

    private static final Logger LOG = Logger.getLogger(CellOutput.class.getName());
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "eddy-output-flush");
        t.setDaemon(true);
        return t;
    });

    final PrintStream out;
    final PrintStream err;
    private final Limits limits;
    private final PrintStream logOut;
    private final PrintStream logErr;

    private Sink sink;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean pendingStdout = true;
    private boolean flushScheduled;
    private long streamed;
    private boolean holding;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private long heldBytes;
    private long cutBytes;
    private long cutLines;
    private byte lastCut = '\n';

    private record Held(boolean stdout, byte[] bytes) {
    }

    CellOutput(Limits limits, PrintStream logOut, PrintStream logErr) {
        this.limits = limits;
        this.logOut = logOut;
        this.logErr = logErr;
        this.out = new PrintStream(new Channel(true), false, StandardCharsets.UTF_8);
        this.err = new PrintStream(new Channel(false), false, StandardCharsets.UTF_8);
    }

    /** Sends output to {@code sink} from now on, counting this cell's output from zero. */
    synchronized void attach(Sink sink) {
        sendAll();
        this.sink = sink;
    }

    /** Sends everything gathered or held, the cut note included, and counts the next output from zero. */
    synchronized void drain() {
        sendAll();
    }

    /** {@link #drain()}s, then sends later output to the kernel's own streams. */
    synchronized void detach() {
        drain();
        sink = null;
    }

    /** Sends what has gathered so far, unless the cell's output is past its head and held back. */
    synchronized void flush() {
        if (!holding) send(false);
    }

    private synchronized void write(boolean stdout, byte[] b, int off, int len) {
        if (len <= 0) return;
        if (sink == null) {
            (stdout ? logOut : logErr).write(b, off, len);
            return;
        }
        if (holding) {
            hold(stdout, b, off, len);
            return;
        }
        if (pending.size() > 0 && pendingStdout != stdout) send(true);
        pendingStdout = stdout;
        long room = limits.headBytes() - streamed;
        if (len <= room) {
            pending.write(b, off, len);
            streamed += len;
            if (pending.size() >= limits.flushBytes()) send(false);
            else schedule();
            return;
        }
        // The head is full: it ends at the last line end that fits, and the rest is held back.
        byte[] gathered = pending.toByteArray();
        byte[] all = new byte[gathered.length + len];
        System.arraycopy(gathered, 0, all, 0, gathered.length);
        System.arraycopy(b, off, all, gathered.length, len);
        int fits = gathered.length + (int) room;
        int cut = fits;
        while (cut > 0 && all[cut - 1] != '\n') cut--;
        boolean nothingSent = streamed == gathered.length;
        if (cut == 0 && nothingSent) cut = charStart(all, fits);  // one long line: cut it, or show nothing
        pending.reset();
        pending.write(all, 0, cut);
        send(true);
        holding = true;
        emit(false, "[eddy: this cell's output passed " + size(limits.headBytes()) + "; the rest is held back and "
                + "only its last " + size(limits.tailBytes()) + " show when the cell ends]\n");
        hold(stdout, all, cut, all.length - cut);
    }

    /** Keeps the last {@link Limits#tailBytes} of what comes past the head. */
    private void hold(boolean stdout, byte[] b, int off, int len) {
        if (len > limits.tailBytes()) {  // a write longer than the tail: what is held so far and its start go
            for (Held h : held) cut(h.bytes(), 0, h.bytes().length);
            held.clear();
            heldBytes = 0;
            int skip = len - (int) limits.tailBytes();
            while (skip < len && (b[off + skip] & 0xC0) == 0x80) skip++;  // whole characters
            cut(b, off, skip);
            off += skip;
            len -= skip;
        }
        if (len <= 0) return;
        byte[] copy = new byte[len];
        System.arraycopy(b, off, copy, 0, len);
        held.addLast(new Held(stdout, copy));
        heldBytes += len;
        while (heldBytes > limits.tailBytes()) {
            Held first = held.removeFirst();
            int drop = (int) Math.min(first.bytes().length, heldBytes - limits.tailBytes());
            while (drop < first.bytes().length && (first.bytes()[drop] & 0xC0) == 0x80) drop++;  // whole characters
            cut(first.bytes(), 0, drop);
            heldBytes -= drop;
            if (drop < first.bytes().length) {
                byte[] rest = new byte[first.bytes().length - drop];
                System.arraycopy(first.bytes(), drop, rest, 0, rest.length);
                held.addFirst(new Held(first.stdout(), rest));
            }
        }
    }

    private void cut(byte[] bytes, int from, int len) {
        for (int i = from; i < from + len; i++) if (bytes[i] == '\n') cutLines++;
        cutBytes += len;
        if (len > 0) lastCut = bytes[from + len - 1];
    }

    /** Sends the gathered and held output, with the note on what was cut, and starts counting afresh. */
    private void sendAll() {
        send(true);
        if (holding) {
            if (cutBytes > 0 && lastCut != '\n') alignTail();
            if (cutBytes > 0)
                emit(false, String.format(Locale.ROOT, "[eddy: %,d lines (%,d bytes) cut here; a cell shows the first "
                        + "%s and the last %s of its output]%n", cutLines, cutBytes, size(limits.headBytes()),
                        size(limits.tailBytes())));
            for (Held h : held) {
                if (pending.size() > 0 && pendingStdout != h.stdout()) send(true);
                pendingStdout = h.stdout();
                pending.write(h.bytes(), 0, h.bytes().length);
            }
            send(true);
        }
        held.clear();
        heldBytes = 0;
        holding = false;
        streamed = 0;
        cutBytes = 0;
        cutLines = 0;
        lastCut = '\n';
    }

    /** Drops the held part of a line whose start was cut, so the tail starts at a line's start. */
    private void alignTail() {
        long seen = 0;
        for (Held h : held) {
            for (byte x : h.bytes()) {
                seen++;
                if (x == '\n') {
                    dropHeld(seen);
                    return;
                }
            }
        }
    }

    private void dropHeld(long count) {
        while (count > 0) {
            Held first = held.removeFirst();
            int drop = (int) Math.min(count, first.bytes().length);
            cut(first.bytes(), 0, drop);
            count -= drop;
            if (drop < first.bytes().length) {
                byte[] rest = new byte[first.bytes().length - drop];
                System.arraycopy(first.bytes(), drop, rest, 0, rest.length);
                held.addFirst(new Held(first.stdout(), rest));
            }
        }
    }

    /** Sends the gathered bytes; unless {@code all}, a character whose bytes have not all arrived waits. */
    private void send(boolean all) {
        if (pending.size() == 0) return;
        byte[] bytes = pending.toByteArray();
        int end = all ? bytes.length : charStart(bytes, bytes.length);
        if (end == 0) end = bytes.length;
        pending.reset();
        pending.write(bytes, end, bytes.length - end);
        emit(pendingStdout, new String(bytes, 0, end, StandardCharsets.UTF_8));
    }

    private void emit(boolean stdout, String text) {
        if (sink == null) {
            (stdout ? logOut : logErr).print(text);
            return;
        }
        try {
            sink.write(stdout, text);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a cell's output could not be sent", e);
        }
    }

    private void schedule() {
        if (flushScheduled) return;
        flushScheduled = true;
        TIMER.schedule(() -> {
            synchronized (this) {
                flushScheduled = false;
                flush();
            }
        }, limits.flushMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The largest {@code i <= end} at which a UTF-8 character starts, so that {@code bytes[0, i)} holds only whole
     * characters as far as the bytes show.
     */
    static int charStart(byte[] bytes, int end) {
        int i = end;
        while (i > 0 && i > end - 4 && (bytes[i - 1] & 0xC0) == 0x80) i--;
        if (i == 0) return end;
        int lead = bytes[i - 1] & 0xFF;
        int length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return end - (i - 1) >= length ? end : i - 1;
    }

    static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) return bytes / (1024 * 1024) + " MiB";
        if (bytes % 1024 == 0) return bytes / 1024 + " KiB";
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }

    /** One of the two streams; {@code flush} only makes sure gathered bytes are sent soon. */
    private final class Channel extends OutputStream {
        private final boolean stdout;

        Channel(boolean stdout) {
            this.stdout = stdout;
        }

        @Override
        public void write(int b) {
            CellOutput.this.write(stdout, new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            CellOutput.this.write(stdout, b, off, len);
        }

        @Override
        public void flush() {
            synchronized (CellOutput.this) {
                if (pending.size() > 0 && !holding) schedule();
            }
        }
    }
}
