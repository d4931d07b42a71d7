package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.sql.KdaTranslator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A window over a window's rows: in KDA the second window reads the first's rows by their ROWTIME,
 * the first window's end. Flink 1.20 SQL cannot make that column event time again in a view, so in
 * event time both pumps are left to flink-kda's runner and named in the header; in processing time
 * ROWTIME is the clock in both, as flink-kda runs it, and everything is in the script.
 */
class ChainedWindowsScriptTest {

    private static final String APPLICATION =
            """
            CREATE STREAM "PER_MINUTE" (TICKER_SYMBOL VARCHAR(4), N BIGINT);
            CREATE PUMP "MINUTE_PUMP" AS INSERT INTO "PER_MINUTE"
                SELECT STREAM TICKER_SYMBOL, COUNT(*) FROM "SOURCE_SQL_STREAM_001"
                GROUP BY TICKER_SYMBOL, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE);
            CREATE STREAM "PER_FIVE" (TICKER_SYMBOL VARCHAR(4), N BIGINT);
            CREATE PUMP "FIVE_PUMP" AS INSERT INTO "PER_FIVE"
                SELECT STREAM TICKER_SYMBOL, SUM(N) FROM "PER_MINUTE"
                GROUP BY TICKER_SYMBOL, STEP("PER_MINUTE".ROWTIME BY INTERVAL '5' MINUTE);
            """;

    private static String script(RowtimeMode rowtime) {
        KdaSchema schema = KdaSchema.parse("TICKER_SYMBOL VARCHAR(4)");
        ScriptSettings settings =
                new ScriptSettings(
                        List.of(
                                new InputSpec(
                                        "SOURCE_SQL_STREAM_001",
                                        StreamLocation.parse("kinesis:trades?region=us-east-1"),
                                        schema,
                                        rowtime,
                                        Duration.ZERO)),
                        List.of(
                                new OutputSpec("PER_MINUTE", new StreamLocation.Stdout()),
                                new OutputSpec("PER_FIVE", new StreamLocation.Stdout())),
                        List.of(),
                        Optional.empty());
        return SqlClientScript.render(
                KdaTranslator.translate(
                        APPLICATION,
                        "chained.sql",
                        Map.of("SOURCE_SQL_STREAM_001", schema),
                        Map.of()),
                settings);
    }

    @Test
    void inEventTimeBothPumpsNeedTheRunner() {
        String script = script(RowtimeMode.arrival());

        assertThat(script)
                .contains(
                        "--   - pump MINUTE_PUMP: needs flink-kda's runner to make the window end"
                                + " (KDA's ROWTIME) an event-time attribute again for a later"
                                + " window, join or sort\n")
                .contains("--   - pump FIVE_PUMP: needs ")
                .contains("-- output PER_MINUTE=-: its stream is not in this script\n")
                .contains("-- output PER_FIVE=-: its stream is not in this script\n")
                .doesNotContain("EXECUTE STATEMENT SET")
                .doesNotContain("window_time");
    }

    @Test
    void inProcessingTimeEverythingIsInTheScript() {
        String script = script(RowtimeMode.processing());

        assertThat(script)
                .contains("-- Every pump is in this script.\n")
                .contains("INSERT INTO `PER_MINUTE__OUTPUT`")
                .contains("INSERT INTO `PER_FIVE__OUTPUT`")
                .contains("`ROWTIME` AS PROCTIME()");
    }
}
