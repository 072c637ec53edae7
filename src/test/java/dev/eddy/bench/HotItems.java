package dev.eddy.bench;

import java.util.List;

/** Nexmark Q5's answer for one sliding window: the most bids any auction got, and the auctions that got that many. */
public record HotItems(long windowStart, long bids, List<Long> auctions) {

    public HotItems {
        auctions = auctions.stream().sorted().toList();
    }

    @Override
    public String toString() {
        StringBuilder line = new StringBuilder().append(windowStart).append(' ').append(bids);
        for (long auction : auctions) {
            line.append(' ').append(auction);
        }
        return line.toString();
    }
}
