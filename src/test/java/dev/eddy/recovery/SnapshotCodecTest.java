package dev.eddy.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.KV;
import dev.eddy.io.FilePosition;
import dev.eddy.windowing.EventClockState;
import dev.eddy.windowing.SessionState;
import dev.eddy.windowing.SlidingState;
import dev.eddy.windowing.WindowMetadata;
import dev.eddy.windowing.WindowSnapshot;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private final SnapshotCodec codec = SnapshotCodec.standard();

    private Object roundTrip(Object state) {
        return codec.decode(codec.encode(state));
    }

    private void assertComesBackTheSame(Object state) {
        Object back = roundTrip(state);
        assertThat(back).isEqualTo(state);
        assertThat(back).hasSameClassAs(state);
    }

    @Test
    void scalarsComeBackAsTheirOwnClasses() {
        for (Object state : List.of(7L, 7, 7.5, 7.5f, "seven", true, (short) 3, (byte) 2, 'c',
                new BigDecimal("1.25"), T0, Duration.ofSeconds(3), Long.MAX_VALUE, Long.MIN_VALUE)) {
            assertComesBackTheSame(state);
        }
    }

    @Test
    void extremeInstantsComeBack() {
        assertComesBackTheSame(Instant.MIN);
        assertComesBackTheSame(Instant.MAX);
        assertComesBackTheSame(T0.plusNanos(1));
    }

    @Test
    void eventClockStateComesBack() {
        assertComesBackTheSame(new EventClockState(T0, T0.minusSeconds(10)));
        assertComesBackTheSame(new EventClockState(null, null));
    }

    @Test
    void slidingStateComesBackWithLongIds() {
        var back = (SlidingState) roundTrip(new SlidingState(List.of(3L, 4L, 5L)));
        assertThat(back.openIds()).containsExactly(3L, 4L, 5L);
        assertThat(back.openIds().get(0)).isInstanceOf(Long.class);
    }

    @Test
    void sessionStateKeepsItsSessionsInOpeningOrder() {
        var sessions = new LinkedHashMap<Long, WindowMetadata>();
        sessions.put(9L, new WindowMetadata(T0.plusSeconds(9), T0.plusSeconds(12)));
        sessions.put(2L, new WindowMetadata(T0, T0.plusSeconds(3), Set.of(1L, 2L)));
        var back = (SessionState) roundTrip(new SessionState(9, sessions));
        assertThat(back).isEqualTo(new SessionState(9, sessions));
        assertThat(back.sessions().keySet()).containsExactly(9L, 2L);
        assertThat(back.sessions().get(2L).mergedIds()).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void windowSnapshotComesBackWithEveryPartTyped() {
        var logicStates = new LinkedHashMap<Long, Object>();
        logicStates.put(5L, 12L);
        logicStates.put(3L, List.of("a", "b"));
        logicStates.put(4L, new ArrayList<>(Arrays.asList(1, null, 3)));
        var queue = List.of(new WindowSnapshot.Queued(new FilePosition(3, 1), T0),
                new WindowSnapshot.Queued(Map.of("k", 2L), T0.plusMillis(1)));
        var snap = new WindowSnapshot(new EventClockState(T0, T0), new SlidingState(List.of(3L, 4L, 5L)),
                Collections.unmodifiableMap(logicStates), queue);
        var back = (WindowSnapshot) roundTrip(snap);
        assertThat(back).isEqualTo(snap);
        assertThat(back.logicStates().keySet()).containsExactly(5L, 3L, 4L);
        assertThat(back.logicStates().get(5L)).isInstanceOf(Long.class);
        assertThat(back.queue().get(0).value()).isInstanceOf(FilePosition.class);
        assertThat(((Map<?, ?>) back.queue().get(1).value()).get("k")).isInstanceOf(Long.class);
    }

    @Test
    void windowSnapshotOfASystemClockAndSessionsComesBack() {
        var snap = new WindowSnapshot(null, new SessionState(-1, Map.of()), Map.of(), List.of());
        assertComesBackTheSame(snap);
    }

    @Test
    void filePositionComesBack() {
        assertComesBackTheSame(new FilePosition(1234, 56));
        assertComesBackTheSame(FilePosition.START);
    }

    @Test
    void keyValuePairsComeBackWithTheirKeyAndValueAsInAJoinWindowsQueue() {
        // KV is a Map.Entry, which Jackson would write as {"1":31}, losing the key's class and the pair's shape.
        assertComesBackTheSame(KV.of(1, 31L));
        assertComesBackTheSame(KV.of("k", null));
        var queued = new WindowSnapshot(null, null, Map.of(), List.of(new WindowSnapshot.Queued(KV.of(1, 31L), T0)));
        assertComesBackTheSame(queued);
        assertThat(((WindowSnapshot) roundTrip(queued)).queue().get(0).value()).isEqualTo(KV.of(1, 31L));
    }

    @Test
    void joinStatesWithNullValuesComeBack() {
        List<List<Object>> sides = List.of(Collections.unmodifiableList(new ArrayList<>(Arrays.asList(1L, null))),
                List.of(), List.of("x"));
        var back = roundTrip(sides);
        assertThat(back).isEqualTo(sides);
        assertThat(((List<?>) ((List<?>) back).get(0)).get(0)).isInstanceOf(Long.class);
    }

    @Test
    void mapsKeepTheirKindAndKeyTypes() {
        var tree = new TreeMap<Long, Instant>(Map.of(2L, T0, 1L, T0.plusSeconds(1)));
        var back = roundTrip(tree);
        assertThat(back).isInstanceOf(TreeMap.class).isEqualTo(tree);
        var hash = new HashMap<Object, Object>(Map.of(1, "a", "b", 2L, 3L, "c", "\u0000x", 4L,
                new FilePosition(1, 2), T0));
        assertThat(roundTrip(hash)).isEqualTo(hash);
    }

    @Test
    void immutableCollectionsComeBackEqual() {
        for (Object state : List.of(List.of(), List.of(1L), List.of(1L, 2L, 3L), Set.of(4L, 5L, 6L), Map.of(),
                Map.of("a", 1L, "b", 2L), Collections.singletonList(3L), Collections.emptyList(),
                Collections.unmodifiableList(new ArrayList<>(List.of(1L))), Arrays.asList(1L, 2L))) {
            assertThat(roundTrip(state)).isEqualTo(state);
        }
    }

    record Counter(String user, long count, Instant lastSeen, List<Long> best) {
    }

    @Test
    void aUsersRecordInADevEddyPackageComesBack() {
        assertComesBackTheSame(new Counter("u", 3, T0, List.of(4L)));
        assertComesBackTheSame(new Counter("u", 3, null, List.of()));
    }

    enum Phase { OPEN, CLOSED }

    @Test
    void enumsAndArraysComeBack() {
        assertComesBackTheSame(Phase.CLOSED);
        assertThat((long[]) roundTrip(new long[] {1, 2})).containsExactly(1, 2);
        assertThat((Object[]) roundTrip(new Object[] {1L, "a"})).containsExactly(1L, "a");
    }

    @Test
    void aClassOutsideTheAllowListIsNotLoaded() {
        byte[] bytes = "[\"javax.swing.JButton\",{}]".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snapshot bytes must be a state this codec wrote")
                .hasMessageContaining("javax.swing.JButton");
    }

    @Test
    void keysHaveOneTextWhateverTheMapOrder() {
        var one = new LinkedHashMap<String, Long>();
        one.put("b", 1L);
        one.put("a", 2L);
        var two = new LinkedHashMap<String, Long>();
        two.put("a", 2L);
        two.put("b", 1L);
        assertThat(codec.encodeKey(one)).isEqualTo(codec.encodeKey(two));
        assertThat(codec.encodeKey("user_1")).isEqualTo("\"user_1\"");
        assertThat(codec.decodeKey(codec.encodeKey(7L))).isEqualTo(7L).isInstanceOf(Long.class);
        assertThat(codec.decodeKey(codec.encodeKey(new Counter("u", 1, T0, List.of()))))
                .isEqualTo(new Counter("u", 1, T0, List.of()));
    }

    @Test
    void aStateJacksonCantWriteIsRefusedNamingItsClass() {
        var loop = new ArrayList<Object>();
        loop.add(loop);
        assertThatThrownBy(() -> codec.encode(loop))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("snapshot state must be serializable by Jackson; got a java.util.ArrayList it"
                        + " can't write instead");
    }

    @Test
    void garbageBytesGiveAClearError() {
        assertThatThrownBy(() -> codec.decode(new byte[] {1, 2, 3}))
                .hasMessageStartingWith("snapshot bytes must be a state this codec wrote; got");
    }
}
