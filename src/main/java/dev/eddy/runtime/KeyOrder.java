package dev.eddy.runtime;

import java.util.Comparator;

/**
 * The order keys are visited in: natural order for keys of one {@link Comparable} type (Bytewax's
 * string keys sort as strings), otherwise by type name, then text, so any keys have a stable order.
 */
public final class KeyOrder implements Comparator<Object> {
    public static final KeyOrder INSTANCE = new KeyOrder();

    private KeyOrder() {
    }

    @Override
    @SuppressWarnings("unchecked")
    public int compare(Object a, Object b) {
        if (a.getClass() == b.getClass() && a instanceof Comparable<?> comparable) {
            return ((Comparable<Object>) comparable).compareTo(b);
        }
        int byType = a.getClass().getName().compareTo(b.getClass().getName());
        return byType != 0 ? byType : String.valueOf(a).compareTo(String.valueOf(b));
    }
}
