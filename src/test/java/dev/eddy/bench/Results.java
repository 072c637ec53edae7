package dev.eddy.bench;

import java.util.ArrayList;
import java.util.List;

/** Engines' results in the form they are compared in: one line per result, sorted. */
public final class Results {

    private Results() {
    }

    public static List<String> lines(List<?> results) {
        List<String> lines = new ArrayList<>(results.size());
        for (Object result : results) {
            lines.add(String.valueOf(result));
        }
        lines.sort(null);
        return lines;
    }
}
