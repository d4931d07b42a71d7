package dev.flinkkda.kda.functions.logparse;

import org.apache.flink.table.api.DataTypes;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The log parsers' compilation and parsing, with the examples of KDA's reference pages. */
class LogParsersTest {

    private static LogParser compile(String function, Object... literals) {
        return LogParsers.compile(function, Arrays.asList(literals));
    }

    private static void assertSpecError(
            int argumentIndex, String messagePart, String function, Object... literals) {
        assertThatThrownBy(() -> compile(function, literals))
                .isInstanceOfSatisfying(
                        LogParserSpecException.class,
                        e -> {
                            assertThat(e.argumentIndex()).isEqualTo(argumentIndex);
                            assertThat(e.functionName())
                                    .isEqualTo(LogParsers.canonicalName(function).orElseThrow());
                        })
                .hasMessageStartingWith(
                        LogParsers.canonicalName(function).orElseThrow()
                                + ", argument "
                                + (argumentIndex + 1)
                                + ": ")
                .hasMessageContaining(messagePart);
    }

    private static List<String> names(LogParser parser) {
        return parser.fields().stream().map(LogField::name).toList();
    }

    @Test
    void namesTheLogParsers() {
        assertThat(LogParsers.isLogParser("regex_log_parse")).isTrue();
        assertThat(LogParsers.isLogParser("FAST_REGEX_LOG_PARSER")).isTrue();
        assertThat(LogParsers.canonicalName("Fast_Regex_Log_Parse"))
                .contains(LogParsers.FAST_REGEX_LOG_PARSER);
        assertThat(LogParsers.isLogParser("W3C_LOG_PARSE")).isTrue();
        assertThat(LogParsers.isLogParser("REGEX_REPLACE")).isFalse();
        assertThat(LogParsers.isLogParser("KDA_REGEX_LOG_PARSE")).isFalse();
        assertThat(LogParsers.isLogParser(null)).isFalse();
        assertThatThrownBy(() -> compile("SUBSTRING", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(LogParserSpecException.class)
                .hasMessageContaining("SUBSTRING is not a log-parsing function");
    }

    @Nested
    class RegexLogParse {

        /** SR "REGEX_LOG_PARSE", example 1: '.*([E].).*([R].*)' on the stock sectors. */
        @Test
        void sectorExample() {
            LogParser parser = compile("REGEX_LOG_PARSE", ".*([E].).*([R].*)");
            assertThat(names(parser)).containsExactly("COLUMN1", "COLUMN2");
            assertThat(parser.fields())
                    .extracting(LogField::type)
                    .containsOnly(DataTypes.VARCHAR(1024));
            // the last E followed by a character that leaves an R after it
            assertThat(parser.parse("ENERGY")).containsExactly("EN", "RGY");
            assertThat(parser.parse("HEALTHCARE")).containsExactly("EA", "RE");
            // no R after an E: no match, a null row
            assertThat(parser.parse("TECHNOLOGY")).isNull();
            assertThat(parser.parse("RETAIL")).isNull();
        }

        /** DG "Example: Parsing Log Strings Based on Regular Expressions": greedy groups. */
        @Test
        void webLogExample() {
            LogParser parser = compile("REGEX_LOG_PARSE", "(\\w.+) (\\d.+) (\\w.+) (\\w.+)");
            String entry =
                    "203.0.113.24 - - [25/Mar/2018:15:25:37 -0700] \"GET /index.php HTTP/1.1\" 200"
                            + " 125 \"-\" \"Mozilla/5.0 [en] Gecko/20100101 Firefox/52.0\"";
            assertThat(parser.parse(entry))
                    .containsExactly(
                            "203.0.113.24 - - [25/Mar/2018:15:25:37 -0700] \"GET /index.php"
                                    + " HTTP/1.1\" 200",
                            "125 \"-\" \"Mozilla/5.0 [en]",
                            "Gecko/20100101",
                            "Firefox/52.0\"");
        }

        @Test
        void wholeStringMatchNullsAndOptionalGroups() {
            LogParser parser = compile("REGEX_LOG_PARSE", "(\\d+)(-(\\w+))?");
            assertThat(names(parser)).containsExactly("COLUMN1", "COLUMN2", "COLUMN3");
            assertThat(parser.parse("42-abc")).containsExactly("42", "-abc", "abc");
            assertThat(parser.parse("42")).containsExactly("42", null, null);
            // a match of part of the string is not a match
            assertThat(parser.parse("x42")).isNull();
            assertThat(parser.parse("")).isNull();
            assertThat(parser.parse(null)).isNull();
            assertThat(compile("REGEX_LOG_PARSE", "(.*)").parse("")).containsExactly("");
        }

        @Test
        void badRegularExpressions() {
            assertSpecError(1, "'(a' is not a regular expression", "REGEX_LOG_PARSE", "(a");
            assertSpecError(1, "has no capturing group", "REGEX_LOG_PARSE", "a+");
            assertSpecError(1, "must be a string", "REGEX_LOG_PARSE", 7);
            assertSpecError(2, "takes 2 arguments", "REGEX_LOG_PARSE", "(a)", "b");
            assertSpecError(1, "takes 2 arguments", "REGEX_LOG_PARSE");
        }
    }

    @Nested
    class FastRegexLogParser {

        /** SR "FAST_REGEX_LOG_PARSER", First FRLP Example: COLUMN1 is Mary_had. */
        @Test
        void firstExample() {
            LogParser parser = compile("FAST_REGEX_LOG_PARSER", "(.*)_(._.*)_.*");
            // the page shows a_little_lamb for COLUMN2, which its own explanation (the group
            // ends at the next _) does not give; lazy semantics give a_little
            assertThat(parser.parse("Mary_had_a_little_lamb"))
                    .containsExactly("Mary_had", "a_little");
        }

        /** SR "FAST_REGEX_LOG_PARSER", Examples B and C: "_+" outside the groups takes all _. */
        @Test
        void examplesBAndC() {
            assertThat(
                            compile("FAST_REGEX_LOG_PARSE", "(.*)_+(.*)")
                                    .parse("Mary____had_a_little_lamb"))
                    .containsExactly("Mary", "had_a_little_lamb");
            assertThat(
                            compile("FAST_REGEX_LOG_PARSER", "(.*)_+(<Alpha>.*)")
                                    .parse("Mary____had_a_little_lamb"))
                    .containsExactly("Mary", "had_a_little_lamb");
        }

        /**
         * SR "FAST_REGEX_LOG_PARSER", Example A: KDA gives no row, as it does not backtrack; this
         * parser backtracks to the next split (a documented difference).
         */
        @Test
        void exampleABacktracks() {
            assertThat(
                            compile("FAST_REGEX_LOG_PARSER", "(.*)_+(._.*)")
                                    .parse("Mary_had_a_little_lamb"))
                    .containsExactly("Mary_had", "a_little_lamb");
        }

        @Test
        void lazyOnlyInsideCapturingGroups() {
            assertThat(RegexLogParser.lazyGroups("(.*)_+(?:x+)(\\d{2,}|[*+]?)(?<n>a+?)b*"))
                    .isEqualTo("(.*?)_+(?:x+)(\\d{2,}?|[*+]??)(?<n>a+?)b*");
            assertThat(RegexLogParser.lazyGroups("(\\p{Alpha}+)(<Digit>*)\\Q(.*)\\E"))
                    .isEqualTo("(\\p{Alpha}+?)(\\p{Digit}*?)\\Q(.*)\\E");
            // REGEX_LOG_PARSE is greedy on the same pattern
            assertThat(compile("REGEX_LOG_PARSE", "(.*)_(.*)").parse("a_b_c"))
                    .containsExactly("a_b", "c");
            assertThat(compile("FAST_REGEX_LOG_PARSER", "(.*)_(.*)").parse("a_b_c"))
                    .containsExactly("a", "b_c");
        }

        @Test
        void badPatternReportsTheUsersText() {
            assertSpecError(
                    1, "'([a-' is not a regular expression", "FAST_REGEX_LOG_PARSER", "([a-");
        }
    }

    @Nested
    class VariableColumnLogParse {

        @Test
        void countOfColumns() {
            LogParser parser = compile("VARIABLE_COLUMN_LOG_PARSE", 3, ",");
            assertThat(names(parser)).containsExactly("COLUMN1", "COLUMN2", "COLUMN3");
            assertThat(parser.fields())
                    .extracting(LogField::type)
                    .containsOnly(DataTypes.VARCHAR(1024));
            assertThat(parser.parse("a,b,c")).containsExactly("a", "b", "c");
            // too few: the last columns are null; too many: dropped; empty fields stay empty
            assertThat(parser.parse("a,b")).containsExactly("a", "b", null);
            assertThat(parser.parse("a,b,c,d")).containsExactly("a", "b", "c");
            assertThat(parser.parse(",,")).containsExactly("", "", "");
            assertThat(parser.parse("")).containsExactly("", null, null);
            assertThat(parser.parse(null)).isNull();
            assertThat(compile("VARIABLE_COLUMN_LOG_PARSE", "2", "||").parse("x||y||z"))
                    .containsExactly("x", "y");
            assertThat(compile("VARIABLE_COLUMN_LOG_PARSE", 2, "\t").parse("x\ty"))
                    .containsExactly("x", "y");
        }

        /** SR "VARIABLE_COLUMN_LOG_PARSE": with a backslash escape, a\,b is one field a,b. */
        @Test
        void escapeExample() {
            LogParser parser = compile("VARIABLE_COLUMN_LOG_PARSE", 2, ",", "\\");
            assertThat(parser.parse("a,b")).containsExactly("a", "b");
            assertThat(parser.parse("a\\,b")).containsExactly("a,b", null);
            assertThat(parser.parse("a\\\\,b")).containsExactly("a\\", "b");
            // an empty or null escape is no escape
            assertThat(compile("VARIABLE_COLUMN_LOG_PARSE", 2, ",", "").parse("a\\,b"))
                    .containsExactly("a\\", "b");
            assertThat(compile("VARIABLE_COLUMN_LOG_PARSE", 2, ",", null, "\"").parse("\"a,b\",c"))
                    .containsExactly("a,b", "c");
        }

        /** SR "VARIABLE_COLUMN_LOG_PARSE": one quote character, or begin and end quotes. */
        @Test
        void quotes() {
            LogParser same = compile("VARIABLE_COLUMN_LOG_PARSE", 3, ",", "\\", "\"");
            assertThat(same.parse("\"x,y\",z,\"\"")).containsExactly("x,y", "z", "");
            LogParser pair = compile("VARIABLE_COLUMN_LOG_PARSE", 2, " ", "", "[]");
            assertThat(pair.parse("[24/May/2004:22:01:02 -0700] GET"))
                    .containsExactly("24/May/2004:22:01:02 -0700", "GET");
        }

        /** SR "VARIABLE_COLUMN_LOG_PARSE": a typed column list, as the inventory's usage. */
        @Test
        void typedColumns() {
            LogParser parser =
                    compile(
                            "VARIABLE_COLUMN_LOG_PARSE",
                            "COL_1 TYPE VARCHAR(16), col_2 TYPE INTEGER NOT NULL,"
                                    + " \"price\" TYPE DECIMAL(10, 2), ok TYPE BOOLEAN,"
                                    + " \"when\" TYPE TIMESTAMP 'dd/MMM/yyyy:HH:mm:ss',"
                                    + " d TYPE DATE, f TYPE DOUBLE PRECISION, n TYPE BIGINT",
                            ";");
            assertThat(names(parser))
                    .containsExactly("COL_1", "COL_2", "price", "OK", "when", "D", "F", "N");
            assertThat(parser.fields())
                    .extracting(LogField::type)
                    .containsExactly(
                            DataTypes.VARCHAR(16),
                            DataTypes.INT(),
                            DataTypes.DECIMAL(10, 2),
                            DataTypes.BOOLEAN(),
                            DataTypes.TIMESTAMP(3),
                            DataTypes.DATE(),
                            DataTypes.DOUBLE(),
                            DataTypes.BIGINT());
            assertThat(
                            parser.parse(
                                    "abc; 42 ;12.5;TRUE;24/May/2004:22:01:02;2024-02-29;1e3;"
                                            + "9000000000"))
                    .containsExactly(
                            "abc",
                            42,
                            new BigDecimal("12.50"),
                            true,
                            LocalDateTime.of(2004, 5, 24, 22, 1, 2),
                            LocalDate.of(2024, 2, 29),
                            1000.0,
                            9_000_000_000L);
            // a string longer than its VARCHAR(n) is cut to n characters
            assertThat(parser.parse("abcdefghijklmnopqrstuvwxyz;1")[0])
                    .isEqualTo("abcdefghijklmnop");
            // a value that does not convert is null, the others are kept
            assertThat(parser.parse("abc;x;;maybe;yesterday;2024-02-30;-;1.5"))
                    .containsExactly("abc", null, null, null, null, null, null, null);
        }

        @Test
        void badArguments() {
            assertSpecError(
                    1,
                    "'COL_1 VARCHAR(16)' is not a column description",
                    "VARIABLE_COLUMN_LOG_PARSE",
                    "COL_1 VARCHAR(16)",
                    ",");
            assertSpecError(
                    1,
                    "column C: 'VARCHAR2(3)' is not a type",
                    "VARIABLE_COLUMN_LOG_PARSE",
                    "C TYPE VARCHAR2(3)",
                    ",");
            assertSpecError(
                    1,
                    "column C: 'INTERVAL DAY' is not a type",
                    "VARIABLE_COLUMN_LOG_PARSE",
                    "C TYPE INTERVAL DAY",
                    ",");
            assertSpecError(
                    1,
                    "column C: BYTES cannot be the type of a parsed log field",
                    "VARIABLE_COLUMN_LOG_PARSE",
                    "C TYPE VARBINARY",
                    ",");
            assertSpecError(
                    1,
                    "goes with DATE, TIME and TIMESTAMP only",
                    "VARIABLE_COLUMN_LOG_PARSE",
                    "C TYPE INTEGER 'yyyy'",
                    ",");
            assertSpecError(
                    1,
                    "is not a date format",
                    "VARIABLE_COLUMN_LOG_PARSE",
                    "C TYPE DATE 'qqq'",
                    ",");
            assertSpecError(
                    1,
                    "column C appears twice",
                    "VARIABLE_COLUMN_LOG_PARSE",
                    "C TYPE INTEGER, c TYPE INTEGER",
                    ",");
            assertSpecError(
                    1,
                    "has an empty column description",
                    "VARIABLE_COLUMN_LOG_PARSE",
                    "C TYPE INTEGER,",
                    ",");
            assertSpecError(
                    1,
                    "START goes with FIXED_COLUMN_LOG_PARSE only",
                    "VARIABLE_COLUMN_LOG_PARSE",
                    "C TYPE INTEGER START 0",
                    ",");
            assertSpecError(1, "at least 1, not 0", "VARIABLE_COLUMN_LOG_PARSE", 0, ",");
            assertSpecError(2, "the delimiter must be", "VARIABLE_COLUMN_LOG_PARSE", 2, "");
            assertSpecError(2, "the delimiter must be", "VARIABLE_COLUMN_LOG_PARSE", 2, null);
            assertSpecError(
                    4, "one or two characters", "VARIABLE_COLUMN_LOG_PARSE", 2, ",", "\\", "<<>");
            assertSpecError(
                    3, "the escape must be a string", "VARIABLE_COLUMN_LOG_PARSE", 2, ",", 5);
            assertSpecError(2, "takes 3 to 5 arguments", "VARIABLE_COLUMN_LOG_PARSE", 2);
        }
    }

    @Nested
    class FixedColumnLogParse {

        @Test
        void fixedWidthColumns() {
            LogParser parser =
                    compile(
                            "FIXED_COLUMN_LOG_PARSE",
                            "NAME TYPE VARCHAR(5) START 0 FOR 5, n TYPE INTEGER START 5 FOR 4,"
                                    + " \"when\" TYPE TIMESTAMP 'dd/MMM/yyyy:HH:mm:ss' START 9 FOR 20,"
                                    + " REST TYPE VARCHAR(20) START 29");
            assertThat(names(parser)).containsExactly("NAME", "N", "when", "REST");
            assertThat(parser.fields())
                    .extracting(LogField::type)
                    .containsExactly(
                            DataTypes.VARCHAR(5),
                            DataTypes.INT(),
                            DataTypes.TIMESTAMP(3),
                            DataTypes.VARCHAR(20));
            assertThat(parser.parse("alice  4224/May/2004:22:01:02tail end"))
                    .containsExactly(
                            "alice", 42, LocalDateTime.of(2004, 5, 24, 22, 1, 2), "tail end");
            // strings keep their padding; past the end of the line, null; a short field is cut
            assertThat(parser.parse("bob   abc")).containsExactly("bob  ", null, null, null);
            assertThat(parser.parse("ab")).containsExactly("ab", null, null, null);
            assertThat(parser.parse("")).containsExactly(null, null, null, null);
            assertThat(parser.parse(null)).isNull();
        }

        @Test
        void badSpecs() {
            assertSpecError(1, "column A needs START", "FIXED_COLUMN_LOG_PARSE", "A TYPE INTEGER");
            assertSpecError(
                    1,
                    "column A: 'INTEGER START x' is not a type",
                    "FIXED_COLUMN_LOG_PARSE",
                    "A TYPE INTEGER START x");
            assertSpecError(1, "must be a list", "FIXED_COLUMN_LOG_PARSE", 3);
            assertSpecError(
                    2,
                    "takes 2 arguments",
                    "FIXED_COLUMN_LOG_PARSE",
                    "A TYPE INTEGER START 0",
                    "x");
        }
    }

    @Nested
    class W3cLogParse {

        /** SR "W3C_LOG_PARSE", Example 1 (COMMON) and the table of its columns. */
        @Test
        void commonExample() {
            LogParser parser = compile("W3C_LOG_PARSE", "COMMON");
            assertThat(names(parser))
                    .containsExactly(
                            "COLUMN1", "COLUMN2", "COLUMN3", "COLUMN4", "COLUMN5", "COLUMN6",
                            "COLUMN7");
            assertThat(
                            parser.parse(
                                    "192.168.254.30 - John [24/May/2004:22:01:02 -0700]"
                                            + " \"GET /icons/apache_pb.gif HTTP/1.1\" 304 0"))
                    .containsExactly(
                            "192.168.254.30",
                            "-",
                            "John",
                            "[24/May/2004:22:01:02 -0700]",
                            "GET /icons/apache_pb.gif HTTP/1.1",
                            "304",
                            "0");
            assertThat(
                            parser.parse(
                                    "192.168.254.30 - Jane [24/May/2004:22:01:02 -0700]"
                                            + " \"GET /icons/small/dir.gif HTTP/1.1\" 304 0"))
                    .containsExactly(
                            "192.168.254.30",
                            "-",
                            "Jane",
                            "[24/May/2004:22:01:02 -0700]",
                            "GET /icons/small/dir.gif HTTP/1.1",
                            "304",
                            "0");
            assertThat(parser.parse("not a log line")).isNull();
            assertThat(parser.parse(null)).isNull();
            // the same specifiers written out give the same columns
            assertThat(compile("W3C_LOG_PARSE", "%h %l %u %t \"%r\" %>s %b").fields())
                    .isEqualTo(parser.fields());
        }

        @Test
        void otherPredefinedFormats() {
            assertThat(
                            compile("W3C_LOG_PARSE", "common with vhost")
                                    .parse(
                                            "www.example.com 10.0.0.1 - - [24/May/2004:22:01:02"
                                                    + " -0700] \"GET / HTTP/1.0\" 200 512"))
                    .containsExactly(
                            "www.example.com",
                            "10.0.0.1",
                            "-",
                            "-",
                            "[24/May/2004:22:01:02 -0700]",
                            "GET / HTTP/1.0",
                            "200",
                            "512");
            assertThat(
                            compile("W3C_LOG_PARSE", "NCSA  EXTENDED")
                                    .parse(
                                            "203.0.113.24 - - [25/Mar/2018:15:25:37 -0700] \"GET"
                                                    + " /index.php HTTP/1.1\" 200 125 \"-\""
                                                    + " \"Mozilla/5.0 [en] \\\"Gecko\\\"\""))
                    .containsExactly(
                            "203.0.113.24",
                            "-",
                            "-",
                            "[25/Mar/2018:15:25:37 -0700]",
                            "GET /index.php HTTP/1.1",
                            "200",
                            "125",
                            "-",
                            "Mozilla/5.0 [en] \\\"Gecko\\\"");
            LogParser referer = compile("W3C_LOG_PARSE", "REFERER");
            assertThat(referer.parse("http://example.com/a -> /index.html"))
                    .containsExactly("http://example.com/a", "/index.html");
            assertThat(referer.parse("http://example.com/a ---> /index.html"))
                    .containsExactly("http://example.com/a", "/index.html");
            assertThat(compile("W3C_LOG_PARSE", "AGENT").parse("Mozilla/4.08 [en] (Win98; I)"))
                    .containsExactly("Mozilla/4.08 [en] (Win98; I)");
            LogParser iis = compile("W3C_LOG_PARSE", "IIS");
            assertThat(iis.fields()).hasSize(15);
            assertThat(
                            iis.parse(
                                    "192.168.114.201, -, 03/20/01, 7:55:20, W3SVC2, SALES1,"
                                            + " 172.21.13.45, 4502, 163, 3223, 200, 0, GET,"
                                            + " /DeptLogo.gif, -,"))
                    .containsExactly(
                            "192.168.114.201",
                            "-",
                            "03/20/01",
                            "7:55:20",
                            "W3SVC2",
                            "SALES1",
                            "172.21.13.45",
                            "4502",
                            "163",
                            "3223",
                            "200",
                            "0",
                            "GET",
                            "/DeptLogo.gif",
                            "-");
        }

        @Test
        void customSpecifiers() {
            LogParser parser =
                    compile("W3C_LOG_PARSE", "%v:%p %{X-Id}i %400,501[User-agent]i %% %D");
            assertThat(parser.fields()).hasSize(5);
            assertThat(parser.parse("host:8080 abc curl/8 % 1234"))
                    .containsExactly("host", "8080", "abc", "curl/8", "1234");
        }

        @Test
        void badFormats() {
            assertSpecError(1, "'CLF' is neither a predefined format", "W3C_LOG_PARSE", "CLF");
            assertSpecError(1, "unknown specifier %Z", "W3C_LOG_PARSE", "%h %Z");
            assertSpecError(1, "ends in an incomplete specifier", "W3C_LOG_PARSE", "%h %");
            assertSpecError(1, "must be a format name", "W3C_LOG_PARSE", " ");
            assertSpecError(2, "takes 2 arguments", "W3C_LOG_PARSE", "COMMON", "x");
        }
    }

    @Nested
    class SysLogParse {

        /** SR "SYS_LOG_PARSE": Mon DD HH:MM:SS server message (example line of RFC 3164). */
        @Test
        void syslogLines() {
            LogParser parser = compile("SYS_LOG_PARSE");
            assertThat(names(parser)).containsExactly("COLUMN1", "COLUMN2");
            assertThat(parser.fields())
                    .extracting(LogField::type)
                    .containsExactly(DataTypes.TIMESTAMP(3), DataTypes.VARCHAR(1024));
            assertThat(parser.parse("Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick"))
                    .containsExactly(
                            LocalDateTime.of(1970, 10, 11, 22, 14, 15),
                            "mymachine su: 'su root' failed for lonvick");
            assertThat(parser.parse("Feb  5 01:02:03 host kernel: x"))
                    .containsExactly(LocalDateTime.of(1970, 2, 5, 1, 2, 3), "host kernel: x");
            assertThat(parser.parse("Foo 11 22:14:15 host x")).isNull();
            assertThat(parser.parse("2024-01-01 host x")).isNull();
            assertThat(parser.parse(null)).isNull();
            assertSpecError(1, "takes 1 argument", "SYS_LOG_PARSE", "x");
        }
    }
}
