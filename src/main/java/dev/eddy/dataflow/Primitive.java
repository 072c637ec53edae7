package dev.eddy.dataflow;

import dev.eddy.io.Sink;
import dev.eddy.io.Source;
import java.util.List;

/**
 * The core operators a runtime executes. Every other operator is composed from these, so a runtime
 * implements exactly this list and runs any flow.
 *
 * <pre>{@code
 * var flow = new Dataflow("eg");
 * flow.input("inp", TestingSource.of(1)).map("double", x -> x * 2).inspect("out");
 * flow.primitiveSteps().forEach(s -> System.out.println(s.id() + " " + s.operator()));
 * // eg.inp input
 * // eg.double.flat_map_batch flat_map_batch
 * // eg.out.inspect_debug inspect_debug
 * }</pre>
 */
public sealed interface Primitive extends java.io.Serializable {

    /** Reads a source. */
    record Input(Source<?> source) implements Primitive {
    }

    /** Writes to a sink. */
    record Output(Sink<?> sink) implements Primitive {
    }

    /**
     * Maps each batch of items to any number of items. A mapper that is {@link RunScoped} is told when each
     * run starts.
     */
    record FlatMapBatch(SerializableFunction<List<Object>, ? extends Iterable<?>> mapper) implements Primitive {
    }

    /** Runs per-key logic over a keyed stream; the builder takes a resume state or {@code null}. */
    record StatefulBatch(SerializableFunction<Object, ? extends StatefulBatchLogic<Object, Object, Object>> builder)
            implements Primitive {
    }

    /** Splits a stream in two by a predicate. */
    record Branch(SerializablePredicate<Object> predicate) implements Primitive {
    }

    /** Interleaves several streams into one. */
    record Merge() implements Primitive {
    }

    /** Moves items between workers. */
    record Redistribute() implements Primitive {
    }

    /** Shows every item, with its epoch and worker, and passes it on. */
    record InspectDebug(Inspector<Object> inspector) implements Primitive {
    }
}
