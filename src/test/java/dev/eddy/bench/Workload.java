package dev.eddy.bench;

import dev.eddy.bench.nexmark.NexmarkGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmarked queries, each on pre-generated input. Event clocks wait 4 s everywhere; the {@code _DELAYED}
 * variants feed the same query Nexmark data with 10% of events delayed by up to 3 s.
 */
public enum Workload {
    /** Bytewax's fold benchmark: items one second apart, one key, 1-minute tumbling windows (1,667 of them). */
    FOLD_1KEY("fold, 1 key, 1-min tumbling", 100_000, false, true),
    /** Bytewax's other shape: items one second apart on 2 seeded-random keys, collected per 1-minute window. */
    COLLECT_2KEYS("collect, 2 keys, 1-min tumbling", 1_000_000, false, true),
    /** Nexmark Q5: bids per auction in sliding 10 s windows every 2 s, then the hottest auctions per window. */
    Q5("Q5 hot items, sliding 10 s / 2 s", 2_000_000, false, false),
    /** Nexmark Q7: the highest bid in each tumbling 10 s window. */
    Q7("Q7 highest bid, tumbling 10 s", 10_000_000, false, true),
    /** Nexmark Q11: bids per bidder in session windows with a 10 s gap. */
    Q11("Q11 user sessions, gap 10 s", 2_000_000, false, true),
    Q5_DELAYED("Q5 with 10% delayed <= 3 s", 2_000_000, true, false),
    Q7_DELAYED("Q7 with 10% delayed <= 3 s", 10_000_000, true, true),
    Q11_DELAYED("Q11 with 10% delayed <= 3 s", 2_000_000, true, true);

    /** The seed every input is generated from. */
    public static final long SEED = 42;

    private final String title;
    private final int defaultSize;
    private final boolean delayed;
    private final boolean bytewaxShares;

    Workload(String title, int defaultSize, boolean delayed, boolean bytewaxShares) {
        this.title = title;
        this.defaultSize = defaultSize;
        this.delayed = delayed;
        this.bytewaxShares = bytewaxShares;
    }

    public String title() {
        return title;
    }

    public int defaultSize() {
        return defaultSize;
    }

    /** Whether events arrive out of order, so engines may legitimately disagree about what is late. */
    public boolean delayed() {
        return delayed;
    }

    /** Whether the issue asks for a Bytewax comparison on this workload. */
    public boolean bytewaxShares() {
        return bytewaxShares;
    }

    public boolean isNexmark() {
        return this != FOLD_1KEY && this != COLLECT_2KEYS;
    }

    /** The query this one is a delayed variant of, or itself. */
    public Workload query() {
        return switch (this) {
            case Q5_DELAYED -> Q5;
            case Q7_DELAYED -> Q7;
            case Q11_DELAYED -> Q11;
            default -> this;
        };
    }

    /** The first {@code size} items of this workload's input: {@link Tick}s or Nexmark events. */
    public List<?> input(int size) {
        return switch (this) {
            case FOLD_1KEY -> ticks(size, 1);
            case COLLECT_2KEYS -> ticks(size, 2);
            default -> (delayed ? NexmarkGenerator.withDelays(SEED) : NexmarkGenerator.inOrder(SEED)).events(size);
        };
    }

    /** Items one second apart from {@link NexmarkGenerator#BASE_TIME}, each on a seeded-random key below {@code keys}. */
    static List<Tick> ticks(int size, int keys) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Tick> ticks = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ticks.add(new Tick(keys == 1 ? 0 : random.nextInt(keys), NexmarkGenerator.BASE_TIME + i * 1000L));
        }
        return ticks;
    }
}
