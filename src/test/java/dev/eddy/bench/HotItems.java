package dev.eddy.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Nexmark Q5's answer for one sliding window: the most bids any auction got, and the auctions that got that many. */
public record HotItems(long windowStart, long bids, List<Long> auctions) {

    /** The auctions with the most bids in a window: Q5's answer for that window, ties all kept. */
    static HotItems of(long windowStart, Map<Long, long[]> bidsPerAuction) {
        long most = 0;
        List<Long> auctions = new ArrayList<>();
        for (Map.Entry<Long, long[]> e : bidsPerAuction.entrySet()) {
            long n = e.getValue()[0];
            if (n > most) {
                most = n;
                auctions.clear();
            }
            if (n == most) {
                auctions.add(e.getKey());
            }
        }
        return new HotItems(windowStart, most, auctions);
    }

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
