package dev.eddy.windowing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bytewax's {@code _SessionWindowerLogic} on microseconds. When no session is open it keeps only the
 * next id (the list of sessions is dropped), so an idle key costs a few words (Bytewax issue #577).
 */
final class SessionWindowerLogic implements WindowerLogic<SessionState> {

    /** One open session; {@code open} and {@code close} are its first and last timestamps. */
    static final class Session {
        final long id;
        long open;
        long close;
        Set<Long> mergedIds;

        Session(long id, long open, long close) {
            this.id = id;
            this.open = open;
            this.close = close;
        }

        WindowMetadata metadata() {
            return new WindowMetadata(Micros.toInstant(open), Micros.toInstant(close),
                    mergedIds == null ? Set.of() : mergedIds);
        }
    }

    private static final Comparator<Session> BY_OPEN = Comparator.comparingLong(s -> s.open);

    private final long gap;
    private long maxKey;
    /** Sessions in opening order, or {@code null} when none is open. */
    private List<Session> sessions;
    private final WindowIds mergeQueue = new WindowIds();

    SessionWindowerLogic(long gap, SessionState resume) {
        this.gap = gap;
        this.maxKey = -1;
        if (resume != null) {
            maxKey = resume.maxKey();
            resume.sessions().forEach((id, meta) -> {
                Session s = new Session(id, Micros.of(meta.openTime()), Micros.of(meta.closeTime()));
                if (!meta.mergedIds().isEmpty()) {
                    s.mergedIds = new LinkedHashSet<>(meta.mergedIds());
                }
                sessions().add(s);
            });
        }
    }

    private List<Session> sessions() {
        if (sessions == null) {
            sessions = new ArrayList<>(2);
        }
        return sessions;
    }

    @Override
    public void openFor(long ts, WindowIds out) {
        out.add(openWindow(ts));
    }

    /** A timestamp is always in exactly one session. */
    @Override
    public boolean opensOneWindow() {
        return true;
    }

    @Override
    public long openWindow(long ts) {
        if (sessions != null) {
            for (int i = 0, n = sessions.size(); i < n; i++) {
                Session s = sessions.get(i);
                if (s.open <= ts && ts <= s.close) {
                    return s.id;
                }
                long before = s.open - ts;
                if (before > 0 && before <= gap) {
                    s.open = ts;
                    findMerges(sessions, gap, mergeQueue);
                    return s.id;
                }
                long after = ts - s.close;
                if (after > 0 && after <= gap) {
                    s.close = ts;
                    findMerges(sessions, gap, mergeQueue);
                    return s.id;
                }
            }
        }
        maxKey++;
        sessions().add(new Session(maxKey, ts, ts));
        return maxKey;
    }

    /**
     * Bytewax's {@code _session_find_merges}: walks the sessions by opening time and merges each into
     * the previous one when they are within {@code gap}; queues {@code (original, target)} pairs.
     */
    static void findMerges(List<Session> sessions, long gap, WindowIds merges) {
        if (sessions.size() < 2) {
            return;
        }
        Session[] byOpen = sessions.toArray(new Session[0]);
        Arrays.sort(byOpen, BY_OPEN);
        Session last = byOpen[0];
        for (int i = 1; i < byOpen.length; i++) {
            Session current = byOpen[i];
            if (current.open - last.close <= gap) {
                last.close = Math.max(last.close, current.close);
                merges.add(current.id);
                merges.add(last.id);
                if (last.mergedIds == null) {
                    last.mergedIds = new LinkedHashSet<>();
                }
                last.mergedIds.add(current.id);
                sessions.remove(current);
            } else {
                last = current;
            }
        }
    }

    @Override
    public void lateFor(long timestamp, WindowIds out) {
        out.add(SessionWindower.LATE_SESSION_ID);
    }

    @Override
    public void merged(WindowIds out) {
        for (int i = 0; i < mergeQueue.size(); i++) {
            out.add(mergeQueue.get(i));
        }
        mergeQueue.clear();
    }

    @Override
    public void closeFor(long watermark, ClosedSink out) {
        if (sessions == null) {
            return;
        }
        // wm - gap below year 1 is Python's OverflowError, which Bytewax turns into UTC_MIN.
        long closeAfter = watermark - gap < Micros.UTC_MIN ? Micros.UTC_MIN : watermark - gap;
        // UTC_MAX (end of input) closes every session, also those within a gap of year 9999's end.
        if (watermark >= Micros.UTC_MAX) {
            closeAfter = Long.MAX_VALUE;
        }
        for (int i = 0; i < sessions.size(); ) {
            Session s = sessions.get(i);
            if (s.close < closeAfter) {
                sessions.remove(i);
                out.closed(s.id, s.metadata());
            } else {
                i++;
            }
        }
        if (sessions.isEmpty()) {
            sessions = null;
        }
    }

    @Override
    public long notifyAt() {
        if (sessions == null) {
            return Micros.NEVER;
        }
        long min = Micros.NEVER;
        for (Session s : sessions) {
            min = Math.min(min, s.close);
        }
        return min + gap;
    }

    /** Always {@code false}, as in Bytewax: a key keeps its clock and next id so ids are never reused. */
    @Override
    public boolean isEmpty() {
        return false;
    }

    /** Whether no session is open, so only the next id is kept. */
    boolean isCompact() {
        return sessions == null && mergeQueue.size() == 0;
    }

    @Override
    public SessionState snapshot() {
        Map<Long, WindowMetadata> open = new LinkedHashMap<>();
        if (sessions != null) {
            sessions.forEach(s -> open.put(s.id, s.metadata()));
        }
        return new SessionState(maxKey, open);
    }

    /** The open sessions' metadata by id, in opening order, for tests. */
    Map<Long, WindowMetadata> sessionsView() {
        return snapshot().sessions();
    }
}
