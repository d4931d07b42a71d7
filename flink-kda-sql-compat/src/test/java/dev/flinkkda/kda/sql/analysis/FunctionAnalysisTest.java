package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.parser.KdaSqlSyntaxException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The function table's checks at analysis: arity, argument types, CAST, intervals, and the
 * recognition of tumbling windows written as step functions of ROWTIME.
 */
class FunctionAnalysisTest {

    private static final String HEAD =
            "CREATE STREAM out_stream (v VARCHAR(8));\n"
                    + "CREATE PUMP p AS INSERT INTO out_stream\n";

    private static String select(String item) {
        return HEAD + "SELECT STREAM " + item + " FROM source_sql_stream_001;";
    }

    /** Each bad item, written at 3:15, and the error it gives. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "INITCAP('a', 'b')| app.sql:3:15: INITCAP takes 1 argument, not 2",
                "MOD(5)| app.sql:3:15: MOD takes 2 arguments, not 1",
                "MOD(price, 2)| app.sql:3:15: MOD: KDA's MOD takes integers, not DOUBLE; CAST the"
                        + " argument to an integer",
                "NO_SUCH(1)| app.sql:3:15: unsupported: function NO_SUCH at 3:15 (not a KDA"
                        + " function flink-kda knows)",
                "CAST('abc' AS INTEGER)| app.sql:3:15: cannot CAST 'abc' to INT: not a number",
                "CAST(300 AS TINYINT)| app.sql:3:15: cannot CAST 300 to TINYINT: out of range",
                "CAST('2018-13-01' AS DATE)| app.sql:3:15: cannot CAST '2018-13-01' to DATE: not a"
                        + " date",
                "CAST(event_time AS INTEGER)| app.sql:3:15: KDA cannot CAST TIMESTAMP(3) to INT",
                "CAST(TRUE AS INTEGER)| app.sql:3:15: KDA cannot CAST BOOLEAN to INT",
                "CAST((ROWTIME - event_time) SECOND AS INTEGER)| app.sql:3:15: KDA cannot CAST"
                        + " INTERVAL SECOND(3) to INT",
                "(ROWTIME - price) SECOND| app.sql:3:15: (a - b) SECOND needs two timestamps, two"
                        + " dates or two times, not TIMESTAMP(3) and DOUBLE",
                "(ROWTIME - event_time) SECOND * 'x'| app.sql:3:15: an interval can be multiplied"
                        + " by a number, not by STRING",
                "(ROWTIME - event_time) YEAR| app.sql:3:15: unsupported: (datetime - datetime) YEAR"
                        + " at 3:15 (year-month differences are not translated; use a day-time"
                        + " qualifier)",
                "FLOOR(price TO MINUTE)| app.sql:3:15: FLOOR(… TO MINUTE) needs a datetime or an"
                        + " interval, not DOUBLE",
                "VAR_POP(ticker_symbol)| app.sql:3:15: VAR_POP: needs a number, not STRING",
                // found by TranslatorFuzzTest: the stagger operator's planner threw on these
                "SUM(ticker_symbol)| app.sql:3:15: SUM: needs a number, not STRING",
                "AVG(event_time)| app.sql:3:15: AVG: needs a number, not TIMESTAMP(3)",
                // found by TranslatorFuzzTest: Flink's planner rejected these translations
                "POSITION(price IN ticker_symbol)| app.sql:3:15: POSITION: argument 1 needs a"
                        + " character string, not DOUBLE",
                "- ticker_symbol| app.sql:3:15: unary -: needs a number or an interval, not STRING",
                "UPPER(price)| app.sql:3:15: UPPER: needs a character string, not DOUBLE",
                "TRIM(BOTH price FROM ticker_symbol)| app.sql:3:15: TRIM: argument 1 needs a"
                        + " character string, not DOUBLE",
                "SUBSTRING(ticker_symbol FROM 'a')| app.sql:3:15: SUBSTRING: argument 2 needs a"
                        + " number, not STRING",
                "CASE WHEN price THEN 'a' END| app.sql:3:25: WHEN needs a condition, not DOUBLE",
                "CASE price WHEN 'a' THEN 'b' END| app.sql:3:31: =: cannot compare DOUBLE with"
                        + " STRING",
                "CAST(price > 1 AND price AS VARCHAR(5))| app.sql:3:20: AND: argument 2 needs a"
                        + " condition, not DOUBLE",
                "CAST(NOT ticker_symbol AS VARCHAR(5))| app.sql:3:20: NOT: needs a condition, not"
                        + " STRING",
                "CAST(price = 'a' AS VARCHAR(5))| app.sql:3:20: =: cannot compare DOUBLE with"
                        + " STRING",
                "CAST(price IN (1, 'a') AS VARCHAR(5))| app.sql:3:20: IN: cannot compare DOUBLE"
                        + " with STRING",
                "CAST(event_time BETWEEN 1 AND 2 AS VARCHAR(5))| app.sql:3:20: BETWEEN: cannot"
                        + " compare TIMESTAMP(3) with INT",
                "CAST(price IS TRUE AS VARCHAR(5))| app.sql:3:20: IS TRUE needs a condition, not"
                        + " DOUBLE",
                "EXTRACT(HOUR FROM ticker_symbol)| app.sql:3:15: EXTRACT: needs a datetime or an"
                        + " interval, not STRING",
                "STEP(price BY INTERVAL '1' SECOND)| app.sql:3:15: STEP(… BY INTERVAL …) steps a"
                        + " timestamp, not DOUBLE",
                "COUNT()| app.sql:3:15: COUNT() needs an argument, or * (COUNT(*))",
                "ABS(NULL)| app.sql:3:19: NULL needs a type here: write CAST(NULL AS type)",
                "price * NULL| app.sql:3:15: NULL needs a type here: write CAST(NULL AS type)",
                "REGEX_REPLACE(ticker_symbol, 1, 'b', 1, 0)| app.sql:3:15: REGEX_REPLACE:"
                        + " argument 2 needs a character string, not INT",
                "REGEX_REPLACE(ticker_symbol, 'a', 'b', 1, 2147483648)| app.sql:3:15:"
                        + " REGEX_REPLACE: argument 5 needs an INTEGER, not BIGINT",
                "UNIX_TIMESTAMP(ticker_symbol)| app.sql:3:15: UNIX_TIMESTAMP: needs a timestamp,"
                        + " not STRING",
                "REGEX_LOG_PARSE(price, '(a)')| app.sql:3:31: REGEX_LOG_PARSE parses a character"
                        + " string, not DOUBLE",
                "TIMESTAMP '2018-02-30 00:00:00'| app.sql:3:15: TIMESTAMP '2018-02-30 00:00:00' is"
                        + " not a timestamp: expected e.g. TIMESTAMP '2018-08-01 11:00:20.123'",
                "TIME '25:00:00'| app.sql:3:15: TIME '25:00:00' is not a time: expected e.g. TIME"
                        + " '11:00:20'",
                "DATE 'x'| app.sql:3:15: DATE 'x' is not a date: expected e.g. DATE '2018-08-01'",
                // found by TranslatorFuzzTest: Flink's planner failed on 1.00 / 0
                "CAST(1.00 / 0 AS VARCHAR(8))| app.sql:3:27: division of a constant by zero",
                "MOD(5, 0)| app.sql:3:22: division of a constant by zero",
                "STEP(5 BY 0)| app.sql:3:25: division of a constant by zero",
                "INTERVAL '' DAY| app.sql:3:15: INTERVAL '' DAY is not an interval: expected e.g."
                        + " '1' (DAY)",
                "INTERVAL '1.5' MINUTE| app.sql:3:15: INTERVAL '1.5' MINUTE is not an interval:"
                        + " expected e.g. '30' (MINUTE)",
                "INTERVAL '1e999999999' SECOND| app.sql:3:15: INTERVAL '1e999999999' SECOND is not"
                        + " an interval: expected e.g. '15.5' (SECOND)",
                "INTERVAL '1:60' HOUR TO MINUTE| app.sql:3:15: INTERVAL '1:60' HOUR TO MINUTE is"
                        + " not an interval: expected e.g. '2:30' (HOUR TO MINUTE)",
                "INTERVAL '1-12' YEAR TO MONTH| app.sql:3:15: INTERVAL '1-12' YEAR TO MONTH is not"
                        + " an interval: expected e.g. '1-6' (years-months)",
                "INTERVAL '1000' DAY| app.sql:3:15: unsupported: INTERVAL '1000' DAY at 3:15"
                        + " (Flink's intervals hold at most 999 days)",
                "ANY(price)| app.sql:3:15: ANY: needs a condition, not DOUBLE",
            })
    void rejects(String item, String message) {
        assertThatThrownBy(() -> AnalyzerTest.analyze(select(item))).hasMessage(message.trim());
    }

    /** A column divided by 0 fails row by row when the job runs (the error stream's rows). */
    @Test
    void aColumnMayBeDividedByZero() {
        AnalyzerTest.analyze(select("CAST(CAST(price AS INTEGER) / 0 AS VARCHAR(8))"));
    }

    /** Found by TranslatorFuzzTest: Flink's planner rejected the translation. */
    @Test
    void concatenatesCharacterStringsOnly() {
        assertThatThrownBy(() -> AnalyzerTest.analyze(select("price || 'x'")))
                .hasMessage("app.sql:3:15: ||: argument 1 needs a character string, not DOUBLE");
    }

    @Test
    void rejectsABadIntervalQualifierAndAQualifierWithoutADifference() {
        assertThatThrownBy(
                        () ->
                                AnalyzerTest.analyze(
                                        select("(ROWTIME - event_time) SECOND TO MINUTE")))
                .isInstanceOf(KdaSqlSyntaxException.class)
                .hasMessageStartingWith(
                        "app.sql:3:48: syntax error at 'MINUTE': SECOND TO MINUTE is not an"
                                + " interval qualifier");
        assertThatThrownBy(() -> AnalyzerTest.analyze(select("(ROWTIME + event_time) SECOND")))
                .isInstanceOf(KdaSqlSyntaxException.class)
                .hasMessageStartingWith(
                        "app.sql:3:38: syntax error at 'SECOND': an interval qualifier after a"
                                + " parenthesized expression needs a datetime difference");
    }

    private static long windowMillis(String key) {
        return AnalyzerTest.analyze(
                        HEAD
                                + "SELECT STREAM ticker_symbol FROM source_sql_stream_001"
                                + " GROUP BY ticker_symbol, "
                                + key
                                + ";")
                .pumps()
                .get(0)
                .query()
                .tumbling()
                .orElseThrow()
                .sizeMillis();
    }

    /** Step functions of ROWTIME with a fixed period are tumbling windows of that period. */
    @Test
    void recognisesStepFunctionsOfRowtimeAsWindows() {
        assertThat(
                        windowMillis(
                                "FLOOR((source_sql_stream_001.ROWTIME - TIMESTAMP '1970-01-01"
                                        + " 00:00:00') SECOND / 10 TO SECOND)"))
                .isEqualTo(10_000);
        assertThat(windowMillis("STEP(ROWTIME BY INTERVAL '15' SECOND)")).isEqualTo(15_000);
        assertThat(windowMillis("FLOOR(ROWTIME TO HOUR)")).isEqualTo(3_600_000);
        assertThat(
                        windowMillis(
                                "FLOOR((ROWTIME - TIMESTAMP '1970-01-01 00:00:00') MINUTE / 5 TO"
                                        + " MINUTE)"))
                .isEqualTo(300_000);
        assertThat(
                        windowMillis(
                                "FLOOR((ROWTIME - TIMESTAMP '1970-01-01 00:00:00') SECOND * 2 TO"
                                        + " MINUTE)"))
                .isEqualTo(30_000);
        assertThat(windowMillis("FLOOR(FLOOR(ROWTIME TO MINUTE) TO HOUR)")).isEqualTo(3_600_000);
        assertThat(
                        windowMillis(
                                "FLOOR((ROWTIME - TIMESTAMP '2018-01-01 00:00:00') SECOND / 60 TO"
                                        + " SECOND)"))
                .isEqualTo(60_000);
    }

    @Test
    void rejectsStepsThatAreNotWindows() {
        // not aligned to the epoch: TUMBLE would need an offset
        assertThatThrownBy(
                        () ->
                                windowMillis(
                                        "FLOOR((ROWTIME - TIMESTAMP '1970-01-01 00:00:07')"
                                                + " SECOND / 10 TO SECOND)"))
                .hasMessage(
                        "app.sql:3:80: unsupported: a ROWTIME window of 10000 ms starting 7000 ms"
                                + " after the epoch's at 3:80 (only windows aligned to the epoch are"
                                + " translated)");
        // a period that is not a whole number of milliseconds … of steps: not recognised
        assertThatThrownBy(
                        () ->
                                windowMillis(
                                        "FLOOR((ROWTIME - TIMESTAMP '1970-01-01 00:00:00') MINUTE"
                                                + " * 2 TO MINUTE)"))
                .hasMessageContaining("GROUP BY on a stream needs a ROWTIME window");
    }
}
