package dev.flinkkda.windows.predicate;

import dev.flinkkda.windows.predicate.PredicateWindowHarness.Path;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random streams of several keys, with tokens from a small alphabet (so that begin and end matches,
 * overlapping ones included, are frequent), random timestamps (some missing), the flush on or off,
 * the end of input reached or not, and sometimes a snapshot and restore midway, against a
 * brute-force reference written from the definition.
 */
class PredicateWindowsRandomizedTest {

    private static final int STREAMS = 1_000;
    private static final int STREAMS_PER_OPERATOR = 10;

    /** One element of a random stream; {@code timestamp} is Long.MIN_VALUE for none. */
    private static final class Element {
        final String key;
        final String token;
        final long timestamp;

        Element(String key, String token, long timestamp) {
            this.key = key;
            this.token = token;
            this.timestamp = timestamp;
        }

        boolean matchesBegin() throws Exception {
            return PredicateWindowHarness.BEGIN.filter(Tuple2.of(key, token));
        }

        boolean matchesEnd() throws Exception {
            return PredicateWindowHarness.END.filter(Tuple2.of(key, token));
        }
    }

    /** What the reference says a stream gives. */
    private static final class Expected {
        /** Windows closed by an end match, in the order of their closing elements. */
        final List<String> closed = new ArrayList<>();

        final List<Long> closedTimestamps = new ArrayList<>();

        /** Windows still open at the end of the stream, in no particular order. */
        final List<String> unfinished = new ArrayList<>();

        long outsideWindows;
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void matchesTheDefinition(Path path) throws Exception {
        Random random = new Random(20261207L + path.ordinal());
        int streams = 0;
        while (streams < STREAMS) {
            streams += checkBatch(path, random, streams);
        }
    }

    /**
     * A few random streams through one operator, one after the other: each stream has keys of its
     * own (so they cannot meet in the operator), and they share the flush, the end of input and the
     * restore, if any. Starting an operator costs more than a stream of elements.
     *
     * @return the number of streams checked
     */
    private static int checkBatch(Path path, Random random, int firstStream) throws Exception {
        boolean flush = random.nextBoolean();
        boolean endOfInput = random.nextInt(4) > 0;
        List<List<Element>> inputs = new ArrayList<>();
        int elements = 0;
        for (int i = 0; i < STREAMS_PER_OPERATOR; i++) {
            List<Element> input = randomInput(random, "s" + (firstStream + i) + ".");
            inputs.add(input);
            elements += input.size();
        }
        int restoreAt = random.nextInt(3) == 0 ? random.nextInt(elements + 1) : -1;
        PredicateWindows<Tuple2<String, String>> windows =
                PredicateWindows.between(PredicateWindowHarness.BEGIN, PredicateWindowHarness.END);
        if (flush) {
            windows = windows.flushOnEndOfInput();
        }
        String what =
                String.format(
                        "%s, flush %s, end of input %s, restore at element %d of the batch",
                        path, flush, endOfInput, restoreAt);

        Run run = new Run(PredicateWindowHarness.of(windows, path, true, null));
        try {
            int position = 0;
            for (int i = 0; i < inputs.size(); i++) {
                List<Element> input = inputs.get(i);
                int firedBefore = run.fired().size();
                long outsideBefore = run.outside();
                for (Element e : input) {
                    if (position++ == restoreAt) {
                        run.restoreInto(windows, path);
                    }
                    run.feed(e);
                }
                Expected expected = reference(input);
                String stream = "stream " + (firstStream + i) + ", " + what;
                List<String> fired = run.fired();
                assertThat(fired.subList(firedBefore, fired.size()))
                        .as(stream)
                        .containsExactlyElementsOf(expected.closed);
                List<Long> timestamps = run.timestamps();
                assertThat(timestamps.subList(firedBefore, timestamps.size()))
                        .as("result timestamps, " + stream)
                        .containsExactlyElementsOf(expected.closedTimestamps);
                assertThat(run.outside() - outsideBefore)
                        .as("elements outside windows, " + stream)
                        .isEqualTo(expected.outsideWindows);
            }
            if (position == restoreAt) {
                run.restoreInto(windows, path); // the flush timers come back too
            }
            int closed = run.fired().size();
            if (endOfInput) {
                run.endOfInput();
            }
            List<String> fired = run.fired();
            List<String> flushed = fired.subList(closed, fired.size());
            List<String> expectedFlushed = new ArrayList<>();
            if (flush && endOfInput) {
                for (List<Element> input : inputs) {
                    expectedFlushed.addAll(reference(input).unfinished);
                }
            }
            assertThat(flushed).as(what).containsExactlyInAnyOrderElementsOf(expectedFlushed);
        } finally {
            run.close();
        }
        return inputs.size();
    }

    /** An operator in a harness, replaced by a restored one on a restore, and what it emitted. */
    private static final class Run implements AutoCloseable {
        private PredicateWindowHarness harness;
        private final List<String> firedEarlier = new ArrayList<>();
        private final List<Long> timestampsEarlier = new ArrayList<>();
        private long outsideEarlier;

        Run(PredicateWindowHarness harness) {
            this.harness = harness;
        }

        void feed(Element e) throws Exception {
            if (e.timestamp == Long.MIN_VALUE) {
                harness.element(e.key, e.token);
            } else {
                harness.element(e.key, e.token, e.timestamp);
            }
        }

        void endOfInput() throws Exception {
            harness.endOfInput();
        }

        /** Snapshots the operator, drops it and goes on with one restored from the snapshot. */
        void restoreInto(PredicateWindows<Tuple2<String, String>> windows, Path path)
                throws Exception {
            OperatorSubtaskState snapshot = harness.snapshot();
            firedEarlier.addAll(harness.windows());
            timestampsEarlier.addAll(harness.timestamps());
            outsideEarlier += harness.elementsOutsideWindows();
            harness.close();
            harness = PredicateWindowHarness.of(windows, path, true, snapshot);
        }

        List<String> fired() {
            List<String> all = new ArrayList<>(firedEarlier);
            all.addAll(harness.windows());
            return all;
        }

        List<Long> timestamps() {
            List<Long> all = new ArrayList<>(timestampsEarlier);
            all.addAll(harness.timestamps());
            return all;
        }

        /** The elements-outside-windows counters summed: a restored operator's starts at 0. */
        long outside() {
            return outsideEarlier + harness.elementsOutsideWindows();
        }

        @Override
        public void close() {
            harness.close();
        }
    }

    private static List<Element> randomInput(Random random, String keyPrefix) {
        int keys = 1 + random.nextInt(3);
        int n = random.nextInt(40);
        // per stream, how often each kind comes: sparse and dense begin/end matches
        int[] weights = {
            1 + random.nextInt(4), 1 + random.nextInt(4), random.nextInt(3), random.nextInt(5)
        };
        String[] kinds = {"B", "E", "BE", "x"};
        int total = weights[0] + weights[1] + weights[2] + weights[3];
        List<Element> input = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int pick = random.nextInt(total);
            int kind = 0;
            while (pick >= weights[kind]) {
                pick -= weights[kind];
                kind++;
            }
            long timestamp = random.nextInt(10) == 0 ? Long.MIN_VALUE : random.nextInt(1000);
            input.add(
                    new Element(
                            keyPrefix + "k" + random.nextInt(keys), kinds[kind] + i, timestamp));
        }
        return input;
    }

    /**
     * Per key, a scan of its list of elements: skip to the next element matching begin (those
     * skipped are outside windows); from the element after it, find the first matching end; the
     * elements from the one to the other are a window, emitted at the arrival of its last. A begin
     * with no end after it is the unfinished window.
     */
    private static Expected reference(List<Element> input) throws Exception {
        Map<String, List<Integer>> positionsByKey = new LinkedHashMap<>();
        for (int i = 0; i < input.size(); i++) {
            positionsByKey.computeIfAbsent(input.get(i).key, k -> new ArrayList<>()).add(i);
        }
        Expected expected = new Expected();
        List<int[]> closedWindows = new ArrayList<>(); // position of the last element, index
        List<String> closedTexts = new ArrayList<>();
        List<Long> closedTimestamps = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> byKey : positionsByKey.entrySet()) {
            List<Element> elements = new ArrayList<>();
            for (int position : byKey.getValue()) {
                elements.add(input.get(position));
            }
            int number = 0;
            int from = 0;
            while (from < elements.size()) {
                int first = from;
                while (first < elements.size() && !elements.get(first).matchesBegin()) {
                    first++;
                }
                expected.outsideWindows += first - from;
                if (first == elements.size()) {
                    break;
                }
                number++;
                int last = first + 1;
                while (last < elements.size() && !elements.get(last).matchesEnd()) {
                    last++;
                }
                if (last == elements.size()) {
                    expected.unfinished.add(
                            text(byKey.getKey(), number, elements.subList(first, last)));
                    break;
                }
                closedWindows.add(new int[] {byKey.getValue().get(last), closedTexts.size()});
                closedTexts.add(text(byKey.getKey(), number, elements.subList(first, last + 1)));
                long timestamp = elements.get(last).timestamp;
                closedTimestamps.add(timestamp == Long.MIN_VALUE ? null : timestamp);
                from = last + 1;
            }
        }
        closedWindows.sort(Comparator.comparingInt(w -> w[0]));
        for (int[] w : closedWindows) {
            expected.closed.add(closedTexts.get(w[1]));
            expected.closedTimestamps.add(closedTimestamps.get(w[1]));
        }
        return expected;
    }

    /** The harness's full form of a window. */
    private static String text(String key, int number, List<Element> elements) {
        StringJoiner tokens = new StringJoiner(",");
        elements.forEach(e -> tokens.add(e.token));
        return key
                + "#"
                + number
                + "["
                + elements.size()
                + "]@"
                + elements.get(0).timestamp
                + ".."
                + elements.get(elements.size() - 1).timestamp
                + ":"
                + tokens;
    }
}
