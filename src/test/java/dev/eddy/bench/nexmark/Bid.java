package dev.eddy.bench.nexmark;

import java.util.Comparator;

/** A bid of {@code price} cents by {@code bidder} on {@code auction}. */
public record Bid(long auction, long bidder, long price, String channel, String url, long dateTime) implements Event {

    /**
     * Highest price first; among equal prices the earliest, then the lowest bidder, then the lowest auction. A total
     * order, so "the highest bid" of a window is the same bid whichever engine picks it.
     */
    public static final Comparator<Bid> BY_PRICE = Comparator.comparingLong(Bid::price)
            .thenComparing(Comparator.comparingLong(Bid::dateTime).reversed())
            .thenComparing(Comparator.comparingLong(Bid::bidder).reversed())
            .thenComparing(Comparator.comparingLong(Bid::auction).reversed());
}
