package dev.eddy.io;

/**
 * Marks a sink whose items belong to the JVM that started the run, such as a list in a test or a table in a
 * notebook. The local runtime writes to it as to any sink; a runner whose workers live in other JVMs (Flink on a
 * cluster) sends the step's items back to the JVM that submitted the run and writes them into this sink there, so
 * the sink itself is never shipped.
 *
 * <pre>{@code
 * var out = new ArrayList<Integer>();
 * System.out.println(new TestingSink<>(out) instanceof ClientSink);
 * // true
 * }</pre>
 */
public interface ClientSink {
}
