package dev.eddy.runtime;

import java.time.Instant;

/** What one activation of the worker shares with its nodes. */
final class Activation {
    Instant now;
    /** The clock installed for this worker; stateful steps hold its step time while they run. */
    RunClock clock;
    long epoch;
    /** Whether any node did something this activation: moved items, fired a timer, saw end of input. */
    boolean progress;
    /** Set by a source that aborted the run. */
    boolean aborted;
}
