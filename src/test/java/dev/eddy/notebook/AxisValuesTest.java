package dev.eddy.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AxisValuesTest {

    @Test
    void tracesSharingAnAxisPutACategoryInTheSamePlace() {
        Map<String, Integer> index = new LinkedHashMap<>();
        AxisValues first = AxisValues.of(List.of("alice", "bob"), index);
        AxisValues second = AxisValues.of(List.of("bob"), index);
        assertThat(first.values()).containsExactly(0, 1);
        assertThat(second.values()).containsExactly(1);
    }

    @Test
    void datesInPlotlysFormatsAreEpochMillisecondsAndMissingValuesAreNaN() {
        AxisValues v = AxisValues.of(Arrays.asList("1970-01-01 00:00:01.000", null, "1970-01-01T00:00:02Z"));
        assertThat(v.kind()).isEqualTo(AxisValues.Kind.DATE);
        assertThat(v.values()).containsExactly(1000, Double.NaN, 2000);
    }
}
