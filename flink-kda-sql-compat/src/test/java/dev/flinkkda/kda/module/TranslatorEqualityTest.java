package dev.flinkkda.kda.module;

import dev.flinkkda.kda.runtime.TranslatedApplications;
import dev.flinkkda.kda.sql.functions.KdaFunction.Kind;
import dev.flinkkda.kda.sql.functions.KdaFunctionTable;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One implementation, two entry points: each module function called from Flink SQL after {@code
 * LOAD MODULE kda} (under its KDA name, {@code USE MODULES kda, core}, and as {@code KDA_<name>})
 * gives the values of the same KDA expression translated by flink-kda, on the same rows. One job
 * each side for all cases; the parametrized test compares one case's column.
 */
class TranslatorEqualityTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = ModuleSessions.miniCluster();

    /**
     * A KDA expression, its Flink SQL call through the module, and the output column's KDA type. A
     * log parser's case reads {@code field} of the row {@code call} returns.
     */
    record Case(String function, String kda, String flink, String kdaType, String field) {

        static Case scalar(String function, String kda, String flink, String kdaType) {
            return new Case(function, kda, flink, kdaType, null);
        }

        static Case same(String function, String expression, String kdaType) {
            return scalar(function, expression, expression, kdaType);
        }

        static Case logParser(String function, String call, String field, String kdaType) {
            return new Case(function, call, call, kdaType, field);
        }

        /** The Flink call under {@code KDA_<name>}. */
        String prefixedFlink() {
            return "KDA_" + flink;
        }

        @Override
        public String toString() {
            return field == null ? flink : flink + "." + field;
        }
    }

    private static final String W3C_LINE =
            "192.168.254.30 - John [24/May/2004:22:01:02 -0700]"
                    + " \"GET /icons/apache_pb.gif HTTP/1.1\" 304 0";

    static List<Case> cases() {
        return List.of(
                Case.scalar(
                        "STEP",
                        "STEP(EVENT_TIME BY INTERVAL '10' SECOND)",
                        "STEP(EVENT_TIME, INTERVAL '10' SECOND)",
                        "TIMESTAMP"),
                Case.scalar(
                        "STEP",
                        "STEP(EVENT_TIME BY INTERVAL '1' HOUR)",
                        "STEP(EVENT_TIME, INTERVAL '1' HOUR)",
                        "TIMESTAMP"),
                Case.scalar("STEP", "STEP(AMOUNT BY 5)", "STEP(AMOUNT, 5)", "INTEGER"),
                Case.same(
                        "TSDIFF", "TSDIFF(EVENT_TIME, TIMESTAMP '2018-08-01 00:00:00')", "BIGINT"),
                Case.same("UNIX_TIMESTAMP", "UNIX_TIMESTAMP(EVENT_TIME)", "BIGINT"),
                Case.same("TO_TIMESTAMP", "TO_TIMESTAMP(MILLIS)", "TIMESTAMP"),
                Case.same(
                        "CHAR_TO_TIMESTAMP",
                        "CHAR_TO_TIMESTAMP('yyyy-MM-dd HH:mm:ss', TS_TEXT)",
                        "TIMESTAMP"),
                Case.same(
                        "CHAR_TO_TIMESTAMP",
                        "CHAR_TO_TIMESTAMP('yyyy-MM-dd', TS_TEXT)",
                        "TIMESTAMP"),
                Case.same(
                        "CHAR_TO_TIMESTAMP",
                        "CHAR_TO_TIMESTAMP('yyyy-MM-dd hh:mm:ss', TS_TEXT)",
                        "TIMESTAMP"),
                Case.same("CHAR_TO_DATE", "CHAR_TO_DATE('dd/MM/yyyy', DATE_TEXT)", "DATE"),
                Case.same("CHAR_TO_TIME", "CHAR_TO_TIME('HH:mm', TIME_TEXT)", "TIME"),
                Case.same(
                        "TIMESTAMP_TO_CHAR",
                        "TIMESTAMP_TO_CHAR('yyyy-MM-dd hh:mm:ss.SSS', EVENT_TIME)",
                        "VARCHAR(32)"),
                Case.same("TIME_TO_CHAR", "TIME_TO_CHAR('HH:mm:ss', EVENT_TOD)", "VARCHAR(16)"),
                Case.same("DATE_TO_CHAR", "DATE_TO_CHAR('dd/MM/yyyy', EVENT_DATE)", "VARCHAR(16)"),
                Case.same("INITCAP", "INITCAP(WORDS)", "VARCHAR(64)"),
                Case.same("SUBSTRING", "SUBSTRING(WORDS, -2, 6)", "VARCHAR(64)"),
                Case.same("SUBSTRING", "SUBSTRING(WORDS, 3)", "VARCHAR(64)"),
                Case.same(
                        "REGEX_REPLACE", "REGEX_REPLACE(WORDS, '[A-Z]', '*', 2, 0)", "VARCHAR(64)"),
                Case.logParser(
                        "REGEX_LOG_PARSE",
                        "REGEX_LOG_PARSE(LINE, '(\\w+) (\\d+) (\\w+) (\\w+)')",
                        "COLUMN2",
                        "VARCHAR(64)"),
                Case.logParser(
                        "FAST_REGEX_LOG_PARSE",
                        "FAST_REGEX_LOG_PARSE(LINE, '(\\w+) (\\d+).*')",
                        "COLUMN1",
                        "VARCHAR(64)"),
                Case.logParser(
                        "FAST_REGEX_LOG_PARSER",
                        "FAST_REGEX_LOG_PARSER(LINE, '(\\w+) (\\d+).*')",
                        "COLUMN2",
                        "VARCHAR(64)"),
                Case.logParser(
                        "VARIABLE_COLUMN_LOG_PARSE",
                        "VARIABLE_COLUMN_LOG_PARSE(LINE, 3, ',')",
                        "COLUMN2",
                        "VARCHAR(64)"),
                Case.logParser(
                        "FIXED_COLUMN_LOG_PARSE",
                        "FIXED_COLUMN_LOG_PARSE(LINE, 'HEAD TYPE VARCHAR(5) START 0 FOR 5')",
                        "HEAD",
                        "VARCHAR(8)"),
                Case.logParser(
                        "W3C_LOG_PARSE", "W3C_LOG_PARSE(LINE, 'COMMON')", "COLUMN3", "VARCHAR(64)"),
                Case.logParser("SYS_LOG_PARSE", "SYS_LOG_PARSE(LINE)", "COLUMN1", "TIMESTAMP"));
    }

    private static final String KDA_COLUMNS =
            "ID INTEGER, WORDS VARCHAR(64), EVENT_TIME TIMESTAMP, MILLIS BIGINT, AMOUNT INTEGER,"
                    + " EVENT_DATE DATE, EVENT_TOD TIME, TS_TEXT VARCHAR(32),"
                    + " DATE_TEXT VARCHAR(16), TIME_TEXT VARCHAR(8), LINE VARCHAR(256)";

    private static final String COLUMN_NAMES =
            "ID, WORDS, EVENT_TIME, MILLIS, AMOUNT, EVENT_DATE, EVENT_TOD, TS_TEXT, DATE_TEXT,"
                    + " TIME_TEXT, LINE";

    /** The rows, in the columns' order (without ROWTIME). */
    private static final List<Object[]> ROWS =
            List.of(
                    new Object[] {
                        1,
                        "o'NEIL mc-dONALD",
                        LocalDateTime.of(2018, 8, 1, 13, 4, 5, 123_000_000),
                        1533117600000L,
                        -7,
                        LocalDate.of(2018, 8, 1),
                        LocalTime.of(12, 3, 34),
                        "2009-09-16 03:15:24",
                        "16/09/2009",
                        "12:03",
                        "alpha 12 beta gamma"
                    },
                    new Object[] {
                        2,
                        "Each FIRST lEtTeR is cAPITALIZED",
                        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000),
                        -1L,
                        27,
                        LocalDate.of(1969, 12, 31),
                        LocalTime.of(0, 0),
                        "2009-09-16 15:15:24",
                        "01/01/1970",
                        "23:59",
                        W3C_LINE
                    },
                    new Object[] {
                        3,
                        "TECHNOLOGY",
                        LocalDateTime.of(2024, 2, 29, 0, 0),
                        0L,
                        34,
                        LocalDate.of(2024, 2, 29),
                        LocalTime.of(23, 59, 59),
                        "2024-02-29",
                        "29/02/2024",
                        "00:00",
                        "Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick"
                    },
                    new Object[] {
                        4,
                        "a-b-c-d",
                        LocalDateTime.of(2000, 1, 1, 12, 0, 0),
                        946728000000L,
                        0,
                        LocalDate.of(2000, 1, 1),
                        LocalTime.of(6, 7, 8),
                        "not a date",
                        "01/01/2000",
                        "06:07",
                        "pens,12,1.25"
                    });

    /** ID → the translated application's output row (ID, then one column per case). */
    private static Map<Integer, Row> translated;

    /** ID → the module query's row (ID, then per case its KDA-named and KDA_ calls). */
    private static Map<Integer, Row> viaModule;

    @BeforeAll
    static void runBoth() throws Exception {
        List<Case> cases = cases();
        translated =
                byId(
                        TranslatedApplications.run(
                                kdaApplication(cases),
                                KDA_COLUMNS,
                                rowsWithRowtime(),
                                "OUT_STREAM",
                                List.of()));
        TableEnvironment tables = ModuleSessions.withKdaModule("kda", "core");
        tables.createTemporaryView("SOURCE_ROWS", tables.fromValues(flinkRowType(), flinkRows()));
        viaModule = byId(ModuleSessions.rows(tables, moduleQuery(cases)));
        assertThat(translated.keySet()).containsExactly(1, 2, 3, 4);
        assertThat(viaModule.keySet()).containsExactly(1, 2, 3, 4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void moduleGivesTheTranslatorsValues(Case c) {
        int i = cases().indexOf(c);
        for (int id : translated.keySet()) {
            Object expected = translated.get(id).getField(1 + i);
            assertThat(viaModule.get(id).getField(1 + 2 * i))
                    .as("%s, row %d", c, id)
                    .isEqualTo(expected);
            assertThat(viaModule.get(id).getField(2 + 2 * i))
                    .as("KDA_ form of %s, row %d", c, id)
                    .isEqualTo(expected);
        }
    }

    /**
     * A scalar function added to the module without a case here fails (aggregates, whose KDA form
     * is a table function, are compared with the translator elsewhere).
     */
    @Test
    void everyKdaNamedFunctionOfTheModuleHasACase() {
        Set<String> offered = new TreeSet<>();
        KdaFunctionTable.entries().stream()
                .filter(e -> e.kind() == Kind.SCALAR || e.kind() == Kind.OPERATOR)
                .forEach(e -> e.sqlClientFunction().ifPresent(f -> offered.add(f.flinkName())));
        Set<String> covered = new TreeSet<>();
        cases().forEach(c -> covered.add(c.function()));
        assertThat(covered).isEqualTo(offered);
    }

    /** Not every case may be null everywhere: each compares at least one value. */
    @Test
    void everyCaseHasAValue() {
        List<Case> cases = cases();
        for (int i = 0; i < cases.size(); i++) {
            int column = 1 + i;
            assertThat(translated.values())
                    .as(cases.get(i).toString())
                    .anyMatch(row -> row.getField(column) != null);
        }
    }

    private static String kdaApplication(List<Case> cases) {
        StringBuilder columns = new StringBuilder("ID INTEGER");
        StringBuilder items = new StringBuilder("T.ID");
        StringBuilder parsers = new StringBuilder();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            columns.append(", C").append(i).append(' ').append(c.kdaType());
            if (c.field() == null) {
                items.append(", ").append(c.kda());
            } else {
                parsers.append(", ").append(c.kda()).append(" AS P").append(i);
                items.append(", T.P").append(i).append('.').append(c.field());
            }
        }
        return "CREATE STREAM OUT_STREAM ("
                + columns
                + ");\n"
                + "CREATE PUMP P AS INSERT INTO OUT_STREAM SELECT STREAM "
                + items
                + " FROM (SELECT STREAM "
                + COLUMN_NAMES
                + parsers
                + " FROM SOURCE_SQL_STREAM_001) AS T;";
    }

    private static String moduleQuery(List<Case> cases) {
        StringBuilder items = new StringBuilder("T.ID");
        StringBuilder parsers = new StringBuilder();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            if (c.field() == null) {
                items.append(", ").append(c.flink()).append(", ").append(c.prefixedFlink());
            } else {
                parsers.append(", ").append(c.flink()).append(" AS P").append(i);
                parsers.append(", ").append(c.prefixedFlink()).append(" AS Q").append(i);
                items.append(", T.P").append(i).append('.').append(c.field());
                items.append(", T.Q").append(i).append('.').append(c.field());
            }
        }
        return "SELECT "
                + items
                + " FROM (SELECT "
                + COLUMN_NAMES
                + parsers
                + " FROM SOURCE_ROWS) AS T";
    }

    private static List<Object[]> rowsWithRowtime() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ROWS.size(); i++) {
            Object[] values = ROWS.get(i);
            Object[] row = java.util.Arrays.copyOf(values, values.length + 1);
            row[values.length] = LocalDateTime.of(2024, 1, 1, 0, 0, i);
            rows.add(row);
        }
        return rows;
    }

    private static org.apache.flink.table.types.DataType flinkRowType() {
        return DataTypes.ROW(
                DataTypes.FIELD("ID", DataTypes.INT()),
                DataTypes.FIELD("WORDS", DataTypes.VARCHAR(64)),
                DataTypes.FIELD("EVENT_TIME", DataTypes.TIMESTAMP(3)),
                DataTypes.FIELD("MILLIS", DataTypes.BIGINT()),
                DataTypes.FIELD("AMOUNT", DataTypes.INT()),
                DataTypes.FIELD("EVENT_DATE", DataTypes.DATE()),
                DataTypes.FIELD("EVENT_TOD", DataTypes.TIME(0)),
                DataTypes.FIELD("TS_TEXT", DataTypes.VARCHAR(32)),
                DataTypes.FIELD("DATE_TEXT", DataTypes.VARCHAR(16)),
                DataTypes.FIELD("TIME_TEXT", DataTypes.VARCHAR(8)),
                DataTypes.FIELD("LINE", DataTypes.VARCHAR(256)));
    }

    private static List<Row> flinkRows() {
        return ROWS.stream().map(Row::of).toList();
    }

    private static Map<Integer, Row> byId(List<Row> rows) {
        Map<Integer, Row> byId = new TreeMap<>();
        rows.forEach(row -> byId.put((Integer) row.getField(0), row));
        return byId;
    }
}
