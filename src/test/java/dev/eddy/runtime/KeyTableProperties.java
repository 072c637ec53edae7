package dev.eddy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KeyTableProperties {

    /** A put ({@code remove == false}) or a remove of a key. */
    record Op(Object key, boolean remove) {
    }

    @Property(tries = 500)
    void behavesLikeAHashMap(@ForAll("ops") List<Op> ops) {
        check(ops);
    }

    /** Keys whose low 20 bits are all zero share one home until the table scrambles its homes. */
    @Property(tries = 60)
    void behavesLikeAHashMapWhenItScramblesItsHomes(@ForAll("stridedOps") List<Op> ops) {
        check(ops);
    }

    @Example
    void denseIdsKeepTheirHomesAndStridedOnesGetScrambled() {
        KeyTable<String> dense = new KeyTable<>();
        KeyTable<String> strided = new KeyTable<>();
        for (long k = 0; k < 100_000; k++) {
            dense.put(k, "d");
            strided.put(k << 20, "s");
            if (k < 300) {
                // Around the switch (the 130th key walks past MAX_PROBE), every key must stay found.
                for (long j = 0; j <= k; j++) {
                    assertThat(strided.get(j << 20)).as("key %d << 20 after %d", j, k).isEqualTo("s");
                }
            }
        }
        assertThat(dense.scrambled()).isFalse();
        assertThat(strided.scrambled()).isTrue();
        for (long k = 0; k < 100_000; k++) {
            assertThat(strided.get(k << 20)).isEqualTo("s");
        }
        assertThat(strided.get(1L)).isNull();
    }

    private static void check(List<Op> ops) {
        KeyTable<String> table = new KeyTable<>();
        Map<Object, String> model = new HashMap<>();
        int n = 0;
        for (Op op : ops) {
            if (op.remove()) {
                table.remove(op.key());
                model.remove(op.key());
            } else {
                String value = "v" + n++;
                table.put(op.key(), value);
                model.put(op.key(), value);
            }
            assertThat(table.size()).isEqualTo(model.size());
            // A look-up stops at a key's own removal mark, so check every key after every step, not only at the end.
            for (Op seen : ops) {
                assertThat(table.get(seen.key())).as("%s after %s", seen.key(), op).isEqualTo(model.get(seen.key()));
            }
        }
        for (Op op : ops) {
            assertThat(table.get(op.key())).isEqualTo(model.get(op.key()));
        }
        assertThat(table.values()).containsExactlyInAnyOrderElementsOf(model.values());
    }

    @Provide
    Arbitrary<List<Op>> stridedOps() {
        // Every one of 250 keys put once, in a random order, enough to pass MAX_PROBE; after some puts an
        // earlier key is removed or put again, so the switch meets removal marks.
        Arbitrary<List<Long>> order = Arbitraries.shuffle(LongStream.range(0, 250).boxed().toList());
        Arbitrary<List<Integer>> after = Arbitraries.integers().between(0, 9).list().ofSize(250);
        return Combinators.combine(order, after).as((keys, extra) -> {
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                ops.add(new Op(keys.get(i) << 20, false));
                if (extra.get(i) < 2) {
                    ops.add(new Op(keys.get(i / 2) << 20, true));
                } else if (extra.get(i) == 2) {
                    ops.add(new Op(keys.get(i / 3) << 20, false));
                }
            }
            return ops;
        });
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        // Clustered longs collide and form probe runs full of removal marks, dense ones fill runs at their
        // homes, as ids do; strings take the map.
        Arbitrary<Object> key = Arbitraries.oneOf(
                Arbitraries.longs().between(-40, 40).map(k -> (Object) (k * 16)),
                Arbitraries.longs().between(0, 63).map(k -> (Object) k),
                Arbitraries.longs().map(k -> (Object) k),
                Arbitraries.of("a", "b", "c").map(k -> (Object) k));
        return Combinators.combine(key, Arbitraries.integers().between(0, 3))
                .as((k, r) -> new Op(k, r <= 1)).list().ofMaxSize(300);
    }
}
