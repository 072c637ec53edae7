package dev.eddy.io;

/** Holds the run's clock per thread, so two flows running at once each keep their own. */
final class CurrentClock {
    static final ThreadLocal<WallClock> HOLDER = new ThreadLocal<>();

    private CurrentClock() {
    }
}
