package dev.flinkkda.windows.session;

import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.windowing.assigners.SessionWindowTimeGapExtractor;

/**
 * What only the session tests need beyond {@code dev.flinkkda.windows.testing.WindowTestFunctions}.
 */
final class SessionTestFunctions {

    private SessionTestFunctions() {}

    /** A per-element gap: the element's value, in milliseconds (for dynamic-gap tests). */
    static final class GapFromValue
            implements SessionWindowTimeGapExtractor<Tuple3<String, Long, Long>> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extract(Tuple3<String, Long, Long> element) {
            return element.f2;
        }
    }
}
