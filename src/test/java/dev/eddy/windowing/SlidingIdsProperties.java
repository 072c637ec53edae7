package dev.eddy.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class SlidingIdsProperties {

    /**
     * One logic fed a walk of timestamps that often stays near window edges gives, for each, the ids the
     * division formula gives (lateFor on a fresh logic computes them without any remembered span).
     */
    @Property(tries = 500)
    void openForGivesTheIdsOfTheFormulaForEveryTimestampInAnyOrder(
            @ForAll @LongRange(min = 1, max = 50) long offset, @ForAll @LongRange(min = 1, max = 4) long windows,
            @ForAll @LongRange(min = -1_000, max = 1_000) long alignTo,
            @ForAll @Size(max = 200) List<@LongRange(min = -3, max = 3) Long> steps,
            @ForAll @Size(max = 200) List<@LongRange(min = -400, max = 400) Long> jumps) {
        long length = offset * windows;
        SlidingWindowerLogic logic = new SlidingWindowerLogic(length, offset, alignTo, null);
        long ts = alignTo;
        for (int i = 0; i < steps.size(); i++) {
            ts += i < jumps.size() && i % 7 == 0 ? jumps.get(i) : steps.get(i);
            WindowIds opened = new WindowIds();
            logic.openFor(ts, opened);
            WindowIds expected = new WindowIds();
            new SlidingWindowerLogic(length, offset, alignTo, null).lateFor(ts, expected);
            assertThat(list(opened)).as("ids for ts %d", ts).isEqualTo(list(expected));
        }
    }

    private static List<Long> list(WindowIds ids) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            out.add(ids.get(i));
        }
        return out;
    }
}
