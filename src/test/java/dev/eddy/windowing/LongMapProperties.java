package dev.eddy.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class LongMapProperties {

    /** Puts and removes (every value divisible by 3 removes) of keys from a small range, so keys collide. */
    @Property(tries = 500)
    void behavesLikeAHashMapUnderPutsAndRemoves(@ForAll @Size(max = 300) List<@LongRange(min = -40, max = 40) Long> keys,
                                                @ForAll @Size(max = 300) List<Integer> values) {
        LongMap<Integer> map = new LongMap<>();
        Map<Long, Integer> reference = new HashMap<>();
        for (int i = 0; i < Math.min(keys.size(), values.size()); i++) {
            long key = keys.get(i) * 1_000_003L;   // spread like window ids, still colliding in small tables
            int value = values.get(i);
            if (value % 3 == 0) {
                assertThat(map.remove(key)).isEqualTo(reference.remove(key));
            } else {
                map.put(key, value);
                reference.put(key, value);
            }
            assertThat(map.size()).isEqualTo(reference.size());
        }
        for (long k = -40; k <= 40; k++) {
            assertThat(map.get(k * 1_000_003L)).isEqualTo(reference.get(k * 1_000_003L));
        }
        Map<Long, Integer> seen = new HashMap<>();
        map.forEach(seen::put);
        assertThat(seen).isEqualTo(reference);
    }
}
