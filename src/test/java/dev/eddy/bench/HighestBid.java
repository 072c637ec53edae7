package dev.eddy.bench;

import dev.eddy.bench.nexmark.Bid;

/** Nexmark Q7's answer for one tumbling window: the highest bid in it. */
public record HighestBid(long windowStart, long price, long auction, long bidder, long dateTime) {

    public static HighestBid of(long windowStart, Bid bid) {
        return new HighestBid(windowStart, bid.price(), bid.auction(), bid.bidder(), bid.dateTime());
    }

    @Override
    public String toString() {
        return windowStart + " " + price + " " + auction + " " + bidder + " " + dateTime;
    }
}
