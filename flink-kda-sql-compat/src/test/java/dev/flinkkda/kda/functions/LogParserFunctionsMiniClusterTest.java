package dev.flinkkda.kda.functions;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code KDA_*} log-parsing functions called from Flink SQL, as the translator's plans call
 * them: the ROW type inferred from the literal arguments, fields read with {@code t.r.COLUMN1}.
 */
class LogParserFunctionsMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private StreamTableEnvironment tableEnvironment;

    @BeforeEach
    void setUp() {
        StreamExecutionEnvironment environment =
                StreamExecutionEnvironment.getExecutionEnvironment();
        environment.setParallelism(1);
        tableEnvironment = StreamTableEnvironment.create(environment);
        KdaFunctionCatalog.register(tableEnvironment);
        Table source =
                tableEnvironment.fromValues(
                        DataTypes.ROW(
                                DataTypes.FIELD("id", DataTypes.INT()),
                                DataTypes.FIELD("line", DataTypes.VARCHAR(256))),
                        Row.of(
                                1,
                                "192.168.254.30 - John [24/May/2004:22:01:02 -0700]"
                                        + " \"GET /icons/apache_pb.gif HTTP/1.1\" 304 0"),
                        Row.of(2, "abc,42,x\\,y"),
                        Row.of(3, "Oct 11 22:14:15 mymachine su: failed"),
                        Row.of(4, null));
        tableEnvironment.createTemporaryView("src", source);
    }

    private List<Row> rows(String sql) {
        return CollectionUtil.iteratorToList(tableEnvironment.executeSql(sql).collect());
    }

    /** Every function in one job, one row per input line. */
    @Test
    void everyFunctionInOneQuery() {
        // rows 1 and 3 have no comma: NAME is the whole line, cut to its VARCHAR(8); the fixed and
        // REGEX_REPLACE columns count characters and digits from the start
        List<Row> rows =
                rows(
                        "SELECT t.id, t.w.COLUMN1, t.w.COLUMN4, t.w.COLUMN5, t.w.COLUMN7,"
                                + " t.r.COLUMN1, t.r.COLUMN2, t.f.COLUMN1, t.f.COLUMN2,"
                                + " t.v.NAME, t.v.N, t.v.REST, t.c.COLUMN3,"
                                + " t.x.FIRST, t.x.NUM, t.s.COLUMN1, t.s.COLUMN2, t.rr"
                                + " FROM (SELECT id,"
                                + " KDA_W3C_LOG_PARSE(line, 'COMMON') AS w,"
                                + " KDA_REGEX_LOG_PARSE(line, '(\\w+),(\\d+),.*') AS r,"
                                + " KDA_FAST_REGEX_LOG_PARSER(line, '(.*),(.*)') AS f,"
                                + " KDA_VARIABLE_COLUMN_LOG_PARSE(line,"
                                + "   'name TYPE VARCHAR(8), n TYPE INTEGER, rest TYPE VARCHAR(8)',"
                                + "   ',', '\\') AS v,"
                                + " KDA_VARIABLE_COLUMN_LOG_PARSE(line, 3, ',') AS c,"
                                + " KDA_FIXED_COLUMN_LOG_PARSE(line,"
                                + "   'first TYPE VARCHAR(3) START 0 FOR 3,"
                                + " num TYPE INTEGER START 4 FOR 2') AS x,"
                                + " KDA_SYS_LOG_PARSE(line) AS s,"
                                + " KDA_REGEX_REPLACE(line, '[0-9]', '#', 1, 2) AS rr"
                                + " FROM src) AS t");
        assertThat(rows)
                .containsExactlyInAnyOrder(
                        Row.of(
                                1,
                                "192.168.254.30",
                                "[24/May/2004:22:01:02 -0700]",
                                "GET /icons/apache_pb.gif HTTP/1.1",
                                "0",
                                null,
                                null,
                                null,
                                null,
                                "192.168.",
                                null,
                                null,
                                null,
                                "192",
                                16,
                                null,
                                null,
                                "1#2.168.254.30 - John [24/May/2004:22:01:02 -0700]"
                                        + " \"GET /icons/apache_pb.gif HTTP/1.1\" 304 0"),
                        Row.of(
                                2,
                                null,
                                null,
                                null,
                                null,
                                "abc",
                                "42",
                                "abc",
                                "42,x\\,y",
                                "abc",
                                42,
                                "x,y",
                                "x\\",
                                "abc",
                                42,
                                null,
                                null,
                                "abc,4#,x\\,y"),
                        Row.of(
                                3,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                "Oct 11 2",
                                null,
                                null,
                                null,
                                "Oct",
                                11,
                                LocalDateTime.of(1970, 10, 11, 22, 14, 15),
                                "mymachine su: failed",
                                "Oct 1# 22:14:15 mymachine su: failed"),
                        Row.of(
                                4, null, null, null, null, null, null, null, null, null, null, null,
                                null, null, null, null, null, null));
    }

    /** The inferred row type names and types the fields as the literal arguments say. */
    @Test
    void rowTypeFromTheLiterals() {
        Table table =
                tableEnvironment.sqlQuery(
                        "SELECT KDA_VARIABLE_COLUMN_LOG_PARSE(line,"
                                + " 'A TYPE VARCHAR(4), \"b\" TYPE DECIMAL(5, 1)', ',') AS v,"
                                + " KDA_SYS_LOG_PARSE(line) AS s FROM src");
        assertThat(table.getResolvedSchema().getColumnDataTypes())
                .containsExactly(
                        DataTypes.ROW(
                                DataTypes.FIELD("A", DataTypes.VARCHAR(4)),
                                DataTypes.FIELD("b", DataTypes.DECIMAL(5, 1))),
                        DataTypes.ROW(
                                DataTypes.FIELD("COLUMN1", DataTypes.TIMESTAMP(3)),
                                DataTypes.FIELD("COLUMN2", DataTypes.VARCHAR(1024))));
    }

    @Test
    void badOrNonLiteralArgumentsFailPlanning() {
        assertThatThrownBy(
                        () ->
                                tableEnvironment.sqlQuery(
                                        "SELECT KDA_W3C_LOG_PARSE(line, 'CLF') FROM src"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining(
                        "W3C_LOG_PARSE, argument 2: 'CLF' is neither a predefined format");
        assertThatThrownBy(
                        () ->
                                tableEnvironment.sqlQuery(
                                        "SELECT KDA_REGEX_LOG_PARSE(line, line) FROM src"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("REGEX_LOG_PARSE: argument 2 must be a literal");
        assertThatThrownBy(
                        () ->
                                tableEnvironment.sqlQuery(
                                        "SELECT KDA_REGEX_LOG_PARSE(line, '(a') FROM src"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining(
                        "REGEX_LOG_PARSE, argument 2: '(a' is not a regular expression");
    }
}
