package dev.flinkkda.windows.count;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/** Random streams, sizes and strides (stride above, at and below size) against references. */
class CountWindowsRandomizedTest {

    private static final int STREAMS = 1_000;

    /** Against a brute-force reference written from the definition. */
    @ParameterizedTest(name = "incremental={0}")
    @ValueSource(booleans = {false, true})
    void matchesTheDefinition(boolean incremental) throws Exception {
        Random random = new Random(20261121L);
        for (int stream = 0; stream < STREAMS; stream++) {
            long size = 1 + random.nextInt(12);
            long stride = 1 + random.nextInt(12);
            List<String[]> input = randomInput(random);
            try (CountWindowHarness h =
                    CountWindowHarness.of(CountWindows.of(size, stride), incremental)) {
                feed(h, input);
                assertThat(h.windows())
                        .as("stream %d, size %d, stride %d", stream, size, stride)
                        .containsExactlyElementsOf(reference(input, size, stride));
            }
        }
    }

    /** With partial windows, against Flink's own {@code countWindow(size, slide)}. */
    @ParameterizedTest(name = "incremental={0}")
    @ValueSource(booleans = {false, true})
    void partialWindowsMatchFlinksCountWindow(boolean incremental) throws Exception {
        Random random = new Random(42L);
        for (int stream = 0; stream < STREAMS / 4; stream++) {
            long size = 1 + random.nextInt(12);
            long stride = 1 + random.nextInt(12);
            List<String[]> input = randomInput(random);
            List<String> ours;
            try (CountWindowHarness h =
                    CountWindowHarness.of(
                            CountWindows.of(size, stride).firingPartialWindows(), incremental)) {
                feed(h, input);
                ours = h.windows();
            }
            try (CountWindowHarness flink =
                    new CountWindowHarness(keyed -> keyed.countWindow(size, stride), null)) {
                feed(flink, input);
                assertThat(ours)
                        .as("stream %d, size %d, stride %d", stream, size, stride)
                        .containsExactlyElementsOf(flink.windows());
            }
        }
    }

    static List<String[]> randomInput(Random random) {
        int keys = 1 + random.nextInt(3);
        int n = random.nextInt(60);
        List<String[]> input = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            input.add(new String[] {"k" + random.nextInt(keys), Integer.toString(i)});
        }
        return input;
    }

    static void feed(CountWindowHarness h, List<String[]> input) throws Exception {
        for (String[] e : input) {
            h.element(e[0], Long.parseLong(e[1]));
        }
    }

    /** Per key, number elements 1, 2, …; at n % stride == 0 and n >= size, the last size. */
    static List<String> reference(List<String[]> input, long size, long stride) {
        Map<String, List<String>> seen = new LinkedHashMap<>();
        List<String> windows = new ArrayList<>();
        for (String[] e : input) {
            List<String> values = seen.computeIfAbsent(e[0], k -> new ArrayList<>());
            values.add(e[1]);
            int n = values.size();
            if (n % stride == 0 && n >= size) {
                StringJoiner joined = new StringJoiner(",", e[0] + ":", "");
                values.subList(n - (int) size, n).forEach(joined::add);
                windows.add(joined.toString());
            }
        }
        return windows;
    }
}
