package dev.flinkkda.kda.module;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module's functions called as a Flink SQL user calls them after {@code LOAD MODULE kda} (core
 * first, the default order), in one streaming job. Expected values are the AWS Kinesis Data
 * Analytics SQL Reference's examples ("SR page":
 * https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/), else worked out by hand from the
 * page's definition.
 */
class DocumentedExamplesTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final String W3C_LINE =
            "192.168.254.30 - John [24/May/2004:22:01:02 -0700]"
                    + " \"GET /icons/apache_pb.gif HTTP/1.1\" 304 0";
    private static final String SYSLOG_LINE =
            "Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick";

    /** Log parsers, computed in a nested query as {@code T.P1} … and read field by field. */
    private static final List<String> PARSERS =
            List.of(
                    // SR page sql-reference-regex-log-parse.html, example 1
                    "REGEX_LOG_PARSE('ENERGY', '.*([E].).*([R].*)')",
                    // SR page sql-reference-fast-regex-log-parser.html, first example
                    "FAST_REGEX_LOG_PARSER('Mary_had_a_little_lamb', '(.*)_(._.*)_.*')",
                    // SR page sql-reference-variable-column-log-parse.html: a backslash escape
                    "VARIABLE_COLUMN_LOG_PARSE('a\\,b', 2, ',', '\\')",
                    // by hand: fixed-width fields from offset 0 (SR fixed-column-log-parse)
                    "FIXED_COLUMN_LOG_PARSE('alice  42', 'NAME TYPE VARCHAR(5) START 0 FOR 5,"
                            + " N TYPE INTEGER START 5 FOR 4')",
                    // SR page sql-reference-w3c-log-parse.html, example 1 (COMMON)
                    "W3C_LOG_PARSE('" + W3C_LINE.replace("'", "''") + "', 'COMMON')",
                    // SR page sql-reference-sys-log-parse.html (the example line of RFC 3164)
                    "SYS_LOG_PARSE('" + SYSLOG_LINE.replace("'", "''") + "')");

    private record Example(String expression, Object expected) {}

    private static final List<Example> EXAMPLES =
            List.of(
                    // SR page sql-reference-step.html: integer examples, and the date example
                    new Example("STEP(23, 5)", 20),
                    new Example("STEP(30, 10)", 30),
                    new Example(
                            "STEP(CAST('2004-09-30 13:48:23' AS TIMESTAMP(3)),"
                                    + " INTERVAL '10' SECOND)",
                            LocalDateTime.of(2004, 9, 30, 13, 48, 20)),
                    // the largest multiple of 5 not above -7
                    new Example("STEP(-7, 5)", -10),
                    new Example("STEP(CAST(-7 AS BIGINT), CAST(5 AS BIGINT))", -10L),
                    // SR: "STEP returns null if any input argument is null"
                    new Example("STEP(CAST(NULL AS INT), 5)", null),
                    new Example(
                            "STEP(TIMESTAMP '2024-01-01 10:07:00', INTERVAL '1' HOUR)",
                            LocalDateTime.of(2024, 1, 1, 10, 0)),
                    // SR page sql-reference-unix-timestamp.html: milliseconds since 1970-01-01
                    // UTC; 2018-08-01 is day 17744: 17744 * 86,400,000 + 10 * 3,600,000
                    new Example("UNIX_TIMESTAMP(TIMESTAMP '2018-08-01 10:00:00')", 1533117600000L),
                    new Example("KDA_UNIX_TIMESTAMP(TIMESTAMP '1970-01-01 00:00:00.001')", 1L),
                    // SR page sql-reference-to-timestamp.html: the inverse
                    new Example("TO_TIMESTAMP(1533117600000)", LocalDateTime.of(2018, 8, 1, 10, 0)),
                    new Example(
                            "KDA_TO_TIMESTAMP(CAST(-1 AS BIGINT))",
                            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000)),
                    // SR page sql-reference-tsdiff.html: milliseconds, NULL if an argument is
                    new Example(
                            "TSDIFF(TIMESTAMP '2018-08-01 10:00:05',"
                                    + " TIMESTAMP '2018-08-01 10:00:00')",
                            5000L),
                    new Example(
                            "TSDIFF(CAST(NULL AS TIMESTAMP(3)), TIMESTAMP '2018-08-01 10:00:00')",
                            null),
                    // SR page sql-reference-char-to-timestamp.html: the page's template and text
                    new Example(
                            "CHAR_TO_TIMESTAMP('yyyy-MM-dd hh:mm:ss', '2009-09-16 03:15:24')",
                            LocalDateTime.of(2009, 9, 16, 3, 15, 24)),
                    new Example(
                            "CHAR_TO_TIMESTAMP('dd/MM/yyyy HH:mm', '16/09/2009 15:15')",
                            LocalDateTime.of(2009, 9, 16, 15, 15)),
                    // SR CHAR_TO_DATE, CHAR_TO_TIME: format first
                    new Example(
                            "CHAR_TO_DATE('dd/MM/yyyy', '16/09/2009')", LocalDate.of(2009, 9, 16)),
                    new Example("CHAR_TO_TIME('HH:mm:ss', '03:15:24')", LocalTime.of(3, 15, 24)),
                    // SR TIMESTAMP_TO_CHAR: hh is the 12-hour clock; a null timestamp gives "null"
                    new Example(
                            "TIMESTAMP_TO_CHAR('yyyy-MM-dd hh:mm:ss',"
                                    + " TIMESTAMP '2009-09-16 15:15:24')",
                            "2009-09-16 03:15:24"),
                    new Example("TIMESTAMP_TO_CHAR('yyyy', CAST(NULL AS TIMESTAMP(3)))", "null"),
                    new Example("TIME_TO_CHAR('HH:mm', TIME '12:03:34')", "12:03"),
                    new Example("DATE_TO_CHAR('dd/MM/yyyy', DATE '2009-09-16')", "16/09/2009"),
                    // SR page sql-reference-initcap.html (KDA_ as core's INITCAP comes first)
                    new Example(
                            "KDA_INITCAP('Each FIRST lEtTeR is cAPITALIZED')",
                            "Each First Letter Is Capitalized"),
                    new Example("KDA_INITCAP('o''NEIL mc-dONALD')", "O'neil Mc-donald"),
                    // SR page sql-reference-substring.html: a start below 1 shortens the length
                    new Example("KDA_SUBSTRING('123456789', 0, 3)", "12"),
                    new Example("KDA_SUBSTRING('123456789', -2, 6)", "123"),
                    new Example("KDA_SUBSTRING('123456789', 8)", "89"),
                    // SR page sql-reference-regex-replace.html, example 1
                    new Example(
                            "REGEX_REPLACE('TECHNOLOGY', 'TECHNOLOGY', 'INFORMATION TECHNOLOGY',"
                                    + " 1, 0)",
                            "INFORMATION TECHNOLOGY"),
                    // by hand: from position 3, the first match only
                    new Example("REGEX_REPLACE('a-b-c-d', '-', '+', 3, 1)", "a-b+c-d"),
                    new Example("T.P1.COLUMN1", "EN"),
                    new Example("T.P1.COLUMN2", "RGY"),
                    new Example("T.P2.COLUMN1", "Mary_had"),
                    new Example("T.P3.COLUMN1", "a,b"),
                    new Example("T.P3.COLUMN2", null),
                    new Example("T.P4.NAME", "alice"),
                    new Example("T.P4.N", 42),
                    new Example("T.P5.COLUMN1", "192.168.254.30"),
                    new Example("T.P5.COLUMN3", "John"),
                    new Example("T.P5.COLUMN4", "[24/May/2004:22:01:02 -0700]"),
                    new Example("T.P5.COLUMN5", "GET /icons/apache_pb.gif HTTP/1.1"),
                    new Example("T.P5.COLUMN6", "304"),
                    new Example("T.P6.COLUMN1", LocalDateTime.of(1970, 10, 11, 22, 14, 15)),
                    new Example("T.P6.COLUMN2", "mymachine su: 'su root' failed for lonvick"));

    @Test
    void documentedExamplesThroughLoadModule() throws Exception {
        List<String> parsers = new ArrayList<>();
        for (int i = 0; i < PARSERS.size(); i++) {
            parsers.add(PARSERS.get(i) + " AS P" + (i + 1));
        }
        List<String> items = EXAMPLES.stream().map(Example::expression).toList();
        String query =
                "SELECT "
                        + String.join(", ", items)
                        + " FROM (SELECT "
                        + String.join(", ", parsers)
                        + ") AS T";

        Row row = ModuleSessions.row(ModuleSessions.withKdaModule(), query);

        for (int i = 0; i < EXAMPLES.size(); i++) {
            assertThat(row.getField(i))
                    .as(EXAMPLES.get(i).expression())
                    .isEqualTo(EXAMPLES.get(i).expected());
        }
    }
}
