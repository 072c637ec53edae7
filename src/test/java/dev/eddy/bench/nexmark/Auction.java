package dev.eddy.bench.nexmark;

/** An item put up for auction by {@code seller}. */
public record Auction(long id, String itemName, String description, long initialBid, long reserve, long dateTime,
                      long expires, long seller, long category) implements Event {
}
