package dev.eddy.bench;

import dev.eddy.bench.nexmark.Auction;
import dev.eddy.bench.nexmark.Bid;
import dev.eddy.bench.nexmark.Person;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an input for engines outside the JVM (Bytewax), so they read exactly the items the JVM engines get.
 * Format: little-endian int64 rows. Ticks: {@code n}, then {@code key, time} per item. Nexmark events: {@code n},
 * then {@code kind, dateTime, a, b, c} per event, where kind 0 is a person ({@code a} = id), 1 an auction
 * ({@code a} = id, {@code b} = seller, {@code c} = category) and 2 a bid ({@code a} = auction, {@code b} = bidder,
 * {@code c} = price). Only the fields the queries read are written.
 */
public final class InputFile {

    private InputFile() {
    }

    public static void write(List<?> items, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer row = ByteBuffer.allocate(5 * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            row.putLong(items.size());
            out.write(row.array(), 0, Long.BYTES);
            for (Object item : items) {
                row.clear();
                if (item instanceof Tick tick) {
                    row.putLong(tick.key()).putLong(tick.time());
                } else if (item instanceof Person p) {
                    row.putLong(0).putLong(p.dateTime()).putLong(p.id()).putLong(0).putLong(0);
                } else if (item instanceof Auction a) {
                    row.putLong(1).putLong(a.dateTime()).putLong(a.id()).putLong(a.seller()).putLong(a.category());
                } else if (item instanceof Bid b) {
                    row.putLong(2).putLong(b.dateTime()).putLong(b.auction()).putLong(b.bidder()).putLong(b.price());
                } else {
                    throw new IllegalArgumentException("items must be Ticks or Nexmark events; got " + item
                            + " instead");
                }
                out.write(row.array(), 0, row.position());
            }
        }
    }
}
