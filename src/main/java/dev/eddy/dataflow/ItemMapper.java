package dev.eddy.dataflow;

import java.util.List;

/** What one item becomes inside a per-item operator: zero or more items added to {@code out}. */
@FunctionalInterface
interface ItemMapper extends java.io.Serializable {
    void apply(Object item, List<Object> out);
}
