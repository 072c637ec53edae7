package dev.eddy.windowing;

/**
 * A definition of windows, as Bytewax's {@code Windower}: it builds one {@link WindowerLogic} per
 * key. The built-in windowers are {@link TumblingWindower}, {@link SlidingWindower} and
 * {@link SessionWindower}.
 *
 * <pre>{@code
 * Windower<?> w = new SlidingWindower(Duration.ofSeconds(10), Duration.ofSeconds(5), Instant.EPOCH);
 * var ids = new WindowIds();
 * w.build(null).openFor(Micros.of(Instant.ofEpochSecond(13)), ids);
 * System.out.println(ids);
 * // [1, 2]
 * }</pre>
 *
 * @param <S> the state its logic snapshots
 */
@FunctionalInterface
public interface Windower<S> extends java.io.Serializable {

    /** A fresh logic for one key ({@code resumeState == null}) or one resumed from a snapshot. */
    WindowerLogic<S> build(S resumeState);
}
