package dev.eddy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PackedSortProperties {

    private final PackedSort sort = new PackedSort();

    @Property(tries = 500)
    void sortsLikeArraysSort(@ForAll("values") List<Long> values) {
        long[] expected = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(expected);
        // Longer than the values, with garbage after them, as the runtime's reused arrays are.
        long[] actual = new long[values.size() + 3];
        Arrays.fill(actual, Long.MAX_VALUE);
        for (int i = 0; i < values.size(); i++) {
            actual[i] = values.get(i);
        }
        sort.sort(actual, values.size());
        assertThat(Arrays.copyOf(actual, values.size())).containsExactly(expected);
        assertThat(actual[values.size()]).isEqualTo(Long.MAX_VALUE);
    }

    @Provide
    Arbitrary<List<Long>> values() {
        // Narrow spreads (ids), wide ones, and repeated values; all non-negative.
        Arbitrary<Long> narrow = Arbitraries.longs().between(1_000_000, 1_000_300);
        Arbitrary<Long> wide = Arbitraries.longs().between(0, Long.MAX_VALUE);
        return Arbitraries.oneOf(narrow.list().ofMaxSize(600), wide.list().ofMaxSize(600),
                Arbitraries.of(0L, 255L, 256L, 65_536L).list().ofMaxSize(600));
    }
}
