package dev.flinkkda.windows.testing;

import org.apache.flink.api.java.tuple.Tuple3;

import java.util.List;

/**
 * A window pipeline of test elements (key, timestamp, value) in operator test harnesses, as the
 * window modules' tests drive it: what they feed it and what it gave.
 */
public interface WindowPipeline extends AutoCloseable {

    void element(String key, long timestamp, long value) throws Exception;

    void watermark(long timestamp) throws Exception;

    /** Windows fired so far, in firing order. */
    List<WindowResult> results();

    /** Elements sent to the late side output so far. */
    List<Tuple3<String, Long, Long>> late();

    /** Part of a test's input, fed to a pipeline. */
    @FunctionalInterface
    interface Input {
        void feed(WindowPipeline pipeline) throws Exception;
    }
}
