package dev.eddy.bench;

/** Nexmark Q11's answer for one session: a bidder's bids from {@code start} to {@code last} (inclusive, millis). */
public record Session(long bidder, long start, long last, long bids) {
    @Override
    public String toString() {
        return bidder + " " + start + " " + last + " " + bids;
    }
}
