package dev.eddy.bench.nexmark;

/** One event of the Nexmark auction model: a new person, a new auction, or a bid. */
public sealed interface Event permits Person, Auction, Bid {

    /** Event time, in milliseconds since the epoch. */
    long dateTime();
}
