package dev.eddy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KeyTableProperties {

    /** A put ({@code remove == false}) or a remove of a key. */
    record Op(Object key, boolean remove) {
    }

    @Property(tries = 500)
    void behavesLikeAHashMap(@ForAll("ops") List<Op> ops) {
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
