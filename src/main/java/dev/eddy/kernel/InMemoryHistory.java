package dev.eddy.kernel;

import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The cells of this kernel session, for {@code history_request}; keeps the newest {@link #MAX} cells. */
final class InMemoryHistory implements HistoryManager {
    static final int MAX = 10_000;
    private static final int SESSION = 1;

    private final List<HistoryEntry> entries = new ArrayList<>();

    synchronized void add(int cell, String input, String output) {
        entries.add(new HistoryEntry(SESSION, cell, input, output));
        if (entries.size() > MAX) entries.remove(0);
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry e : entries)
            if (e.getCellNumber() >= start && (stop <= 0 || e.getCellNumber() < stop)) out.add(shape(e, flags));
        return out;
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int from = Math.max(0, entries.size() - Math.max(length, 0));
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry e : entries.subList(from, entries.size())) out.add(shape(e, flags));
        return out;
    }

    @Override
    public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        Pattern glob = globToRegex(pattern == null || pattern.isEmpty() ? "*" : pattern);
        LinkedHashMap<String, HistoryEntry> found = new LinkedHashMap<>();
        for (HistoryEntry e : entries) {
            if (!glob.matcher(e.getInput()).matches()) continue;
            String key = flags.contains(ResultFlag.UNIQUE) ? e.getInput() : e.getCellNumber() + "";
            found.remove(key);
            found.put(key, shape(e, flags));
        }
        List<HistoryEntry> out = new ArrayList<>(found.values());
        return length > 0 && out.size() > length ? out.subList(out.size() - length, out.size()) : out;
    }

    private static HistoryEntry shape(HistoryEntry e, Set<ResultFlag> flags) {
        return flags.contains(ResultFlag.INCLUDE_OUTPUT)
                ? e : new HistoryEntry(e.getSession(), e.getCellNumber(), e.getInput());
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') regex.append(".*");
            else if (c == '?') regex.append('.');
            else regex.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
