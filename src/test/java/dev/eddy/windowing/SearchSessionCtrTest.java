package dev.eddy.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The article's sessionization example: app events per user, windowed into sessions with a 5 s gap,
 * split into search sessions, and a click-through rate per search.
 */
class SearchSessionCtrTest {

    private static final Instant START = Instant.parse("2023-01-01T00:00:00Z");

    sealed interface Event permits AppOpen, Search, Results, ClickResult, AppClose {
        int user();

        Instant dt();
    }

    record AppOpen(int user, Instant dt) implements Event {
    }

    record Search(int user, String query, Instant dt) implements Event {
    }

    record Results(int user, List<String> items, Instant dt) implements Event {
    }

    record ClickResult(int user, String item, Instant dt) implements Event {
    }

    record AppClose(int user, Instant dt) implements Event {
    }

    private static Instant after(int seconds) {
        return START.plusSeconds(seconds);
    }

    private static final List<Event> EVENTS = List.of(
            new AppOpen(1, START),
            new Search(1, "dogs", after(1)),
            new Results(1, List.of("fido", "rover", "buddy"), after(2)),
            new ClickResult(1, "rover", after(3)),
            new Search(1, "cats", after(4)),
            new Results(1, List.of("fluffy", "burrito", "kathy"), after(5)),
            new ClickResult(1, "fluffy", after(6)),
            new AppOpen(2, after(7)),
            new ClickResult(1, "kathy", after(8)),
            new Search(2, "fruit", after(9)),
            new AppClose(1, after(10)),
            new AppClose(2, after(11)));

    /** Splits a user session at each search; the part before the first search has no search. */
    private static List<List<Event>> splitIntoSearches(List<Event> userSession) {
        List<List<Event>> searches = new ArrayList<>();
        List<Event> current = new ArrayList<>();
        for (Event event : userSession) {
            if (event instanceof Search) {
                searches.add(current);
                current = new ArrayList<>();
            }
            current.add(event);
        }
        searches.add(current);
        return searches;
    }

    private static double calcCtr(List<Event> searchSession) {
        return searchSession.stream().anyMatch(e -> e instanceof ClickResult) ? 1.0 : 0.0;
    }

    @Test
    void clickThroughRatesPerSearchAreOneOneZero() {
        Dataflow flow = new Dataflow("search_session");
        var keyed = flow.input("inp", TestingSource.of(EVENTS, 1))
                .map("initial_session", e -> List.of(e))
                .keyOn("add_key", session -> String.valueOf(session.get(0).user()));
        WindowOut<String, List<Event>, List<Event>> sessions = Windowing.reduceWindow("session_windows", keyed,
                new EventClock<List<Event>>(s -> s.get(s.size() - 1).dt(), Duration.ofSeconds(10)),
                new SessionWindower(Duration.ofSeconds(5)),
                (a, b) -> {
                    List<Event> both = new ArrayList<>(a);
                    both.addAll(b);
                    return both;
                });
        List<Double> ctrs = new ArrayList<>();
        sessions.down()
                .map("remove_key", kv -> kv.value())
                .flatMap("split_into_searches", idSession -> splitIntoSearches(idSession.value()))
                .filter("filter_search", search -> search.stream().anyMatch(e -> e instanceof Search))
                .map("calc_ctr", SearchSessionCtrTest::calcCtr)
                .output("out", new TestingSink<>(ctrs));

        Runner.runMain(flow, TestingClock.at(START.plusSeconds(60)));

        assertThat(ctrs).containsExactly(1.0, 1.0, 0.0);
    }
}
