package dev.eddy.dataflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The values a join holds for one key: a list per side. Shared by {@code join} and {@code joinWindow},
 * which differ only in when they emit.
 *
 * <pre>{@code
 * var state = new JoinState(2, JoinInsertMode.LAST);
 * state.insert(0, "a");
 * state.insert(1, 7);
 * state.rows(System.out::println);
 * // [a, 7]
 * }</pre>
 */
public final class JoinState {

    private final JoinInsertMode insertMode;
    private final List<List<Object>> sides;

    /** An empty state for {@code sideCount} sides. */
    public JoinState(int sideCount, JoinInsertMode insertMode) {
        this.insertMode = insertMode;
        this.sides = new ArrayList<>(sideCount);
        for (int i = 0; i < sideCount; i++) {
            sides.add(new ArrayList<>(1));
        }
    }

    /** Stores a value of side {@code side} as the insert mode says. */
    public void insert(int side, Object value) {
        List<Object> values = sides.get(side);
        switch (insertMode) {
            case FIRST -> {
                if (values.isEmpty()) {
                    values.add(value);
                }
            }
            case LAST -> {
                values.clear();
                values.add(value);
            }
            case PRODUCT -> values.add(value);
        }
    }

    /** Whether every side has at least one value. */
    public boolean allSet() {
        for (List<Object> values : sides) {
            if (values.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Emits the cross product of the sides as rows, one slot per side; an empty side gives {@code null}. */
    public void rows(Consumer<? super List<Object>> out) {
        Object[] row = new Object[sides.size()];
        product(0, row, out);
    }

    private void product(int side, Object[] row, Consumer<? super List<Object>> out) {
        if (side == sides.size()) {
            out.accept(Collections.unmodifiableList(Arrays.asList(row.clone())));
            return;
        }
        List<Object> values = sides.get(side);
        if (values.isEmpty()) {
            row[side] = null;
            product(side + 1, row, out);
            return;
        }
        for (Object value : values) {
            row[side] = value;
            product(side + 1, row, out);
        }
    }

    /** Forgets every value. */
    public void clear() {
        sides.forEach(List::clear);
    }

    /**
     * Folds the state of a session that merged into this one. {@code PRODUCT} appends the other's values
     * after this one's. {@code FIRST} keeps this (earlier) session's value where it has one, {@code LAST}
     * takes the other's where it has one: the names' meaning, where Bytewax does the reverse.
     */
    public void absorb(JoinState other) {
        if (other.sides.size() != sides.size()) {
            throw new IllegalArgumentException("join states must have the same number of sides; got "
                    + sides.size() + " and " + other.sides.size() + " instead");
        }
        for (int i = 0; i < sides.size(); i++) {
            List<Object> mine = sides.get(i);
            List<Object> theirs = other.sides.get(i);
            switch (insertMode) {
                case PRODUCT -> mine.addAll(theirs);
                case FIRST -> {
                    if (mine.isEmpty()) {
                        mine.addAll(theirs);
                    }
                }
                case LAST -> {
                    if (!theirs.isEmpty()) {
                        mine.clear();
                        mine.addAll(theirs);
                    }
                }
            }
        }
    }

    /** A copy of the values per side, for snapshots. */
    public List<List<Object>> snapshot() {
        List<List<Object>> copy = new ArrayList<>(sides.size());
        for (List<Object> values : sides) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(values)));   // values may be null
        }
        return Collections.unmodifiableList(copy);
    }

    /** A state rebuilt from {@link #snapshot()}. */
    public static JoinState resume(List<List<Object>> snapshot, JoinInsertMode insertMode) {
        JoinState state = new JoinState(snapshot.size(), insertMode);
        for (int i = 0; i < snapshot.size(); i++) {
            state.sides.get(i).addAll(snapshot.get(i));
        }
        return state;
    }

    @Override
    public String toString() {
        return "JoinState(" + insertMode + ", " + sides + ")";
    }
}
