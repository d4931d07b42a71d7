package dev.flinkkda.benchmarks;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.types.Row;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A result row {@code (key, window_start, window_end, s)} of the SQL window peers as {@code {key,
 * start, end, sum}}, bounds in epoch milliseconds (the session time zone is UTC): a new array,
 * which the collecting sink keeps after the job.
 */
final class SqlWindowRow implements MapFunction<Row, long[]> {
    private static final long serialVersionUID = 1L;

    static final int KEY = 0;
    static final int START = 1;
    static final int END = 2;
    static final int SUM = 3;

    @Override
    public long[] map(Row row) {
        return new long[] {
            row.<Integer>getFieldAs("key"),
            epochMillis(row.getFieldAs("window_start")),
            epochMillis(row.getFieldAs("window_end")),
            row.<Long>getFieldAs("s")
        };
    }

    private static long epochMillis(LocalDateTime time) {
        return time.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
