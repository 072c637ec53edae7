package dev.eddy.bench.nexmark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic generator of the Nexmark auction model. Event {@code i} depends only on the seed and {@code i}, so
 * any prefix, or any single event, is the same on every call and every machine.
 *
 * <p>The mix, skew and timing follow Nexmark's defaults: of every 50 events one is a person, three are auctions and
 * 46 are bids; a bid goes to the newest "hot" auction with probability 1/2 and comes from a hot bidder with
 * probability 3/4, otherwise it picks uniformly among the 100 auctions in flight and the 1,000 active people; prices
 * are {@code round(10^(6u)) * 100} cents; events are 100 µs apart (10,000 per second of event time). With
 * {@code delayedFraction > 0}, that fraction of events carries a timestamp up to {@code maxDelayMillis} earlier
 * than its place in the stream, as Nexmark's {@code probDelayedEvent} does. Payload padding ({@code extra}) is left
 * out: no query here reads it.
 */
public final class NexmarkGenerator {

    /** 2024-01-01T00:00:00Z, aligned to every window length used here. */
    public static final long BASE_TIME = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    public static final long FIRST_ID = 1000;

    private static final int PROPORTION_DENOMINATOR = 50;
    private static final int AUCTIONS_PER_EPOCH = 3;
    private static final int IN_FLIGHT_AUCTIONS = 100;
    private static final int ACTIVE_PEOPLE = 1000;
    private static final int HOT_AUCTION_RATIO = 2;
    private static final int HOT_BIDDER_RATIO = 4;
    private static final String[] FIRST_NAMES = {"Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie",
        "Sarah", "Deiter", "Walter"};
    private static final String[] LAST_NAMES = {"Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith",
        "Jones", "Noris"};
    private static final String[] CITIES = {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend",
        "Redmond", "Seattle", "Kent", "Cheyenne"};
    private static final String[] STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
    private static final String[] CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
    private static final String[] URLS = {"https://www.nexmark.com/item.htm?query=1",
        "https://www.nexmark.com/item.htm?query=1&channel_id=1", "https://www.nexmark.com/bid.htm?query=1",
        "https://www.nexmark.com/bid.htm?query=1&channel_id=2"};

    private final long seed;
    private final double delayedFraction;
    private final long maxDelayMillis;

    /**
     * @param seed            picks the whole stream
     * @param delayedFraction share of events whose timestamp is moved back, from 0 to 1
     * @param maxDelayMillis  the most an event's timestamp is moved back
     */
    public NexmarkGenerator(long seed, double delayedFraction, long maxDelayMillis) {
        if (delayedFraction < 0 || delayedFraction > 1) {
            throw new IllegalArgumentException("delayedFraction must be from 0 to 1; got " + delayedFraction
                    + " instead");
        }
        if (maxDelayMillis < 0) {
            throw new IllegalArgumentException("maxDelayMillis must be >= 0; got " + maxDelayMillis + " instead");
        }
        this.seed = seed;
        this.delayedFraction = delayedFraction;
        this.maxDelayMillis = maxDelayMillis;
    }

    /** In-order events. */
    public static NexmarkGenerator inOrder(long seed) {
        return new NexmarkGenerator(seed, 0, 0);
    }

    /** 10% of events delayed by up to 3 s, Nexmark's {@code probDelayedEvent=0.1, occasionalDelaySec=3}. */
    public static NexmarkGenerator withDelays(long seed) {
        return new NexmarkGenerator(seed, 0.1, 3000);
    }

    /** The first {@code count} events. */
    public List<Event> events(int count) {
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(event(i));
        }
        return events;
    }

    /** Event number {@code i}, counting from 0. */
    public Event event(long i) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        long time = BASE_TIME + i / 10;
        if (delayedFraction > 0 && random.nextDouble() < delayedFraction) {
            time -= random.nextLong(maxDelayMillis + 1);
        }
        long epoch = i / PROPORTION_DENOMINATOR;
        int offset = (int) (i % PROPORTION_DENOMINATOR);
        if (offset == 0) {
            return person(FIRST_ID + epoch, time, random);
        } else if (offset <= AUCTIONS_PER_EPOCH) {
            long id = FIRST_ID + epoch * AUCTIONS_PER_EPOCH + offset - 1;
            return auction(id, lastPerson(epoch), time, random);
        } else {
            long lastAuction = FIRST_ID + epoch * AUCTIONS_PER_EPOCH + AUCTIONS_PER_EPOCH - 1;
            return bid(lastAuction, lastPerson(epoch), time, random);
        }
    }

    private static long lastPerson(long epoch) {
        return FIRST_ID + epoch;
    }

    private static Person person(long id, long time, SplittableRandom random) {
        String name = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " "
                + LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String email = "p" + id + "@example.com";
        String card = String.format("%04d %04d %04d %04d", random.nextInt(10000), random.nextInt(10000),
                random.nextInt(10000), random.nextInt(10000));
        return new Person(id, name, email, card, CITIES[random.nextInt(CITIES.length)],
                STATES[random.nextInt(STATES.length)], time);
    }

    private static Auction auction(long id, long lastPerson, long time, SplittableRandom random) {
        long seller = random.nextInt(100) == 0
                ? Math.max(FIRST_ID, lastPerson / 100 * 100)
                : pickRecent(lastPerson, ACTIVE_PEOPLE, random);
        long initialBid = price(random);
        return new Auction(id, "item-" + id, "description of item " + id, initialBid,
                initialBid + price(random), time, time + 10_000 + random.nextInt(100_000), seller,
                10 + random.nextInt(5));
    }

    private static Bid bid(long lastAuction, long lastPerson, long time, SplittableRandom random) {
        long auction = random.nextInt(HOT_AUCTION_RATIO) > 0
                ? Math.max(FIRST_ID, lastAuction / HOT_AUCTION_RATIO * HOT_AUCTION_RATIO)
                : pickRecent(lastAuction, IN_FLIGHT_AUCTIONS, random);
        long bidder = random.nextInt(HOT_BIDDER_RATIO) > 0
                ? Math.max(FIRST_ID, lastPerson / HOT_BIDDER_RATIO * HOT_BIDDER_RATIO)
                : pickRecent(lastPerson, ACTIVE_PEOPLE, random);
        int channel = random.nextInt(CHANNELS.length);
        return new Bid(auction, bidder, price(random), CHANNELS[channel], URLS[channel], time);
    }

    /** Uniform among the {@code window} newest ids up to {@code last}, never below the first id. */
    private static long pickRecent(long last, int window, SplittableRandom random) {
        long min = Math.max(FIRST_ID, last - window + 1);
        return min + random.nextLong(last - min + 1);
    }

    private static long price(SplittableRandom random) {
        return Math.round(Math.pow(10.0, random.nextDouble() * 6.0)) * 100;
    }
}
