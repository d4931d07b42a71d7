package dev.flinkkda.kda.reference;

import dev.flinkkda.kda.runtime.TranslatedApplications;
import dev.flinkkda.kda.runtime.TranslatedApplications.ReferenceTable;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Translated KDA applications joining a stream with a reference table read from a file, run on a
 * MiniCluster; expected rows computed by hand in each test.
 */
class ReferenceJoinMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String TRADE_COLUMNS = "TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE";

    /** Five trades; XYZ is in no reference table. */
    private static final List<Object[]> TRADES =
            List.of(
                    new Object[] {"AMZN", 84.5, at("10:00:00")},
                    new Object[] {"XYZ", 10.0, at("10:00:20")},
                    new Object[] {"MMB", 20.5, at("10:00:40")},
                    new Object[] {"AMZN", 85.5, at("10:00:50")},
                    new Object[] {"AMZN", 86.0, at("10:01:10")});

    /** The ticker → company table of KDA's reference-data example, with a header line. */
    private static final String COMPANIES_CSV =
            "Ticker,Company\nAMZN,Amazon\nASD,SomeCompanyA\nMMB,\"SomeCompany, B\"\n";

    private static final String COMPANY_COLUMNS = "\"Ticker\" VARCHAR(4), \"Company\" VARCHAR(64)";

    /** KDA's reference-data example, with the join type given. */
    private static String companyApplication(String join) {
        return "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (ticker_symbol VARCHAR(4),"
                + " \"Company\" VARCHAR(20), price DOUBLE);\n"
                + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO \"DESTINATION_SQL_STREAM\""
                + " SELECT STREAM ticker_symbol, \"c\".\"Company\", price FROM"
                + " \"SOURCE_SQL_STREAM_001\" "
                + join
                + " \"CompanyName\" AS \"c\" ON \"SOURCE_SQL_STREAM_001\".ticker_symbol ="
                + " \"c\".\"Ticker\";";
    }

    @TempDir Path directory;

    private ReferenceTable companies() throws IOException {
        return new ReferenceTable(
                "CompanyName",
                COMPANY_COLUMNS,
                Files.writeString(directory.resolve("companies.csv"), COMPANIES_CSV),
                ReferenceFormat.csv().withHeader(true));
    }

    /** A ticker missing from the table keeps its row, with a NULL company. */
    @Test
    void leftJoinWithACsvTable() throws Exception {
        assertThat(
                        TranslatedApplications.run(
                                companyApplication("LEFT JOIN"),
                                TRADE_COLUMNS,
                                TRADES,
                                "DESTINATION_SQL_STREAM",
                                List.of(companies())))
                .containsExactly(
                        Row.of("AMZN", "Amazon", 84.5, at("10:00:00")),
                        Row.of("XYZ", null, 10.0, at("10:00:20")),
                        Row.of("MMB", "SomeCompany, B", 20.5, at("10:00:40")),
                        Row.of("AMZN", "Amazon", 85.5, at("10:00:50")),
                        Row.of("AMZN", "Amazon", 86.0, at("10:01:10")));
    }

    /** A ticker missing from the table gives no row. */
    @Test
    void innerJoinWithACsvTable() throws Exception {
        assertThat(
                        TranslatedApplications.run(
                                companyApplication("JOIN"),
                                TRADE_COLUMNS,
                                TRADES,
                                "DESTINATION_SQL_STREAM",
                                List.of(companies())))
                .containsExactly(
                        Row.of("AMZN", "Amazon", 84.5, at("10:00:00")),
                        Row.of("MMB", "SomeCompany, B", 20.5, at("10:00:40")),
                        Row.of("AMZN", "Amazon", 85.5, at("10:00:50")),
                        Row.of("AMZN", "Amazon", 86.0, at("10:01:10")));
    }

    /**
     * Two reference tables in one query, {@code s LEFT JOIN c ON … JOIN x ON …}: each trade gets
     * its company (NULL for XYZ, in no company row) and its exchange; the inner join with the
     * exchanges drops MMB, which is in none. The second condition reads the first table's column.
     */
    @Test
    void aStreamJoinedWithTwoTablesOneAfterTheOther() throws Exception {
        Path exchanges =
                Files.writeString(
                        directory.resolve("exchanges.csv"),
                        "Ticker,Exchange\nAMZN,NASDAQ\nXYZ,NYSE\n");
        String app =
                "CREATE OR REPLACE STREAM \"LISTED\" (ticker VARCHAR(4), company VARCHAR(20),"
                        + " exchange VARCHAR(8), price DOUBLE);\n"
                        + "CREATE OR REPLACE PUMP \"P\" AS INSERT INTO \"LISTED\""
                        + " SELECT STREAM t.ticker_symbol, c.\"Company\", x.\"Exchange\","
                        + " t.price FROM \"SOURCE_SQL_STREAM_001\" AS t"
                        + " LEFT JOIN \"CompanyName\" AS c ON t.ticker_symbol = c.\"Ticker\""
                        + " JOIN \"Exchanges\" AS x ON t.ticker_symbol = x.\"Ticker\""
                        + " AND (c.\"Company\" IS NULL OR c.\"Company\" <> 'none');";
        ReferenceTable table =
                new ReferenceTable(
                        "Exchanges",
                        "\"Ticker\" VARCHAR(4), \"Exchange\" VARCHAR(8)",
                        exchanges,
                        ReferenceFormat.csv().withHeader(true));

        assertThat(
                        TranslatedApplications.run(
                                app, TRADE_COLUMNS, TRADES, "LISTED", List.of(companies(), table)))
                .containsExactly(
                        Row.of("AMZN", "Amazon", "NASDAQ", 84.5, at("10:00:00")),
                        Row.of("XYZ", null, "NYSE", 10.0, at("10:00:20")),
                        Row.of("AMZN", "Amazon", "NASDAQ", 85.5, at("10:00:50")),
                        Row.of("AMZN", "Amazon", "NASDAQ", 86.0, at("10:01:10")));
    }

    /**
     * A JSON-lines table with a DECIMAL and a TIMESTAMP column: MMB's weight "0.125" is rounded
     * half up to 0.13, its listing date given as epoch milliseconds (946684800000 = 2000-01-01
     * 00:00 UTC), its ticker under a key differing in case.
     */
    @Test
    void innerJoinWithAJsonTable() throws Exception {
        Path sectors =
                Files.writeString(
                        directory.resolve("sectors.jsonl"),
                        "{\"Ticker\": \"AMZN\", \"Sector\": \"RETAIL\", \"Weight\": 0.25,"
                                + " \"ListedSince\": \"1997-05-15 09:30:00\"}\n"
                                + "{\"ticker\": \"MMB\", \"Sector\": \"TECHNOLOGY\", \"Weight\":"
                                + " \"0.125\", \"ListedSince\": 946684800000}\n");
        String app =
                "CREATE STREAM weighted (ticker VARCHAR(4), sector VARCHAR(16), weight"
                        + " DECIMAL(4,2), listed TIMESTAMP, price DOUBLE);\n"
                        + "CREATE PUMP p AS INSERT INTO weighted SELECT STREAM t.ticker_symbol,"
                        + " s.\"Sector\", s.\"Weight\", s.\"ListedSince\", t.price FROM"
                        + " source_sql_stream_001 AS t JOIN \"Sectors\" AS s ON t.ticker_symbol ="
                        + " s.\"Ticker\";";
        ReferenceTable table =
                new ReferenceTable(
                        "Sectors",
                        "\"Ticker\" VARCHAR(4), \"Sector\" VARCHAR(16), \"Weight\" DECIMAL(4,2),"
                                + " \"ListedSince\" TIMESTAMP",
                        sectors,
                        ReferenceFormat.json());
        BigDecimal amazonWeight = new BigDecimal("0.25");
        LocalDateTime amazonListed = LocalDateTime.of(1997, 5, 15, 9, 30);
        assertThat(
                        TranslatedApplications.run(
                                app, TRADE_COLUMNS, TRADES, "WEIGHTED", List.of(table)))
                .containsExactly(
                        Row.of("AMZN", "RETAIL", amazonWeight, amazonListed, 84.5, at("10:00:00")),
                        Row.of(
                                "MMB",
                                "TECHNOLOGY",
                                new BigDecimal("0.13"),
                                LocalDateTime.of(2000, 1, 1, 0, 0),
                                20.5,
                                at("10:00:40")),
                        Row.of("AMZN", "RETAIL", amazonWeight, amazonListed, 85.5, at("10:00:50")),
                        Row.of("AMZN", "RETAIL", amazonWeight, amazonListed, 86.0, at("10:01:10")));
    }

    /**
     * The joined stream's ROWTIME is still an event-time attribute: a second pump's STEP window
     * over it plans and fires. [10:00, 10:01): Amazon 84.5 + 85.5, XYZ's NULL company 10.0, MMB's
     * 20.5; [10:01, 10:02): Amazon 86.0.
     */
    @Test
    void stepWindowOverTheJoinedStream() throws Exception {
        String app =
                "CREATE STREAM enriched (ticker VARCHAR(4), company VARCHAR(20), price DOUBLE);\n"
                        + "CREATE STREAM per_minute (company VARCHAR(20), n INTEGER, total"
                        + " DOUBLE);\n"
                        + "CREATE PUMP p1 AS INSERT INTO enriched SELECT STREAM ticker_symbol,"
                        + " \"c\".\"Company\", price FROM source_sql_stream_001 LEFT JOIN"
                        + " \"CompanyName\" AS \"c\" ON source_sql_stream_001.ticker_symbol ="
                        + " \"c\".\"Ticker\";\n"
                        + "CREATE PUMP p2 AS INSERT INTO per_minute SELECT STREAM company,"
                        + " COUNT(*), SUM(price) FROM enriched GROUP BY company,"
                        + " STEP(enriched.ROWTIME BY INTERVAL '1' MINUTE);";
        assertThat(
                        TranslatedApplications.run(
                                app, TRADE_COLUMNS, TRADES, "PER_MINUTE", List.of(companies())))
                .containsExactlyInAnyOrder(
                        Row.of("Amazon", 2, 170.0, at("10:01:00")),
                        Row.of(null, 1, 10.0, at("10:01:00")),
                        Row.of("SomeCompany, B", 1, 20.5, at("10:01:00")),
                        Row.of("Amazon", 1, 86.0, at("10:02:00")));
    }

    /** A lookup join, written in Flink SQL, of two tickers with the table {@code Prices}. */
    private static final String PRICES_JOIN =
            "SELECT s.sym, p.`Price` FROM (SELECT CAST(sym AS VARCHAR(4)) AS sym, PROCTIME() AS pt"
                    + " FROM (VALUES ('AMZN'), ('XYZ')) AS v(sym)) AS s JOIN `Prices` FOR"
                    + " SYSTEM_TIME AS OF s.pt AS p ON s.sym = p.`Ticker`";

    private List<Row> joinPrices(String fileContent) throws Exception {
        Path prices = Files.writeString(directory.resolve("prices.tsv"), fileContent);
        StreamTableEnvironment tableEnv =
                StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
        tableEnv.executeSql(
                "CREATE TEMPORARY TABLE `Prices` (`Ticker` VARCHAR(4), `Price` DOUBLE) WITH"
                        + " ('connector' = 'kda-reference-file', 'path' = '"
                        + prices
                        + "', 'csv.field-delimiter' = '\\t', 'csv.header' = 'true')");
        // Read to the end, which the job reaches when its bounded input is exhausted.
        return CollectionUtil.iteratorToList(tableEnv.executeSql(PRICES_JOIN).collect());
    }

    /** The connector from DDL, with a tab-separated file and a header line. */
    @Test
    void aTableDeclaredInDdl() throws Exception {
        assertThat(joinPrices("Ticker\tPrice\nAMZN\t84.5\nMMB\t20.5\n"))
                .containsExactly(Row.of("AMZN", 84.5));
    }

    /**
     * A bad value that reaches the job (a DDL table is not checked before it) fails it as the
     * lookup operator starts, naming file, line and column.
     */
    @Test
    void aBadValueFailsTheJobAtStart() throws IOException {
        Path expectedFile = directory.resolve("prices.tsv");
        assertThatThrownBy(() -> joinPrices("Ticker\tPrice\nAMZN\t84.5\nMMB\tabc\n"))
                .satisfies(
                        e ->
                                assertThat(causes(e))
                                        .anySatisfy(
                                                cause ->
                                                        assertThat(cause)
                                                                .isInstanceOf(
                                                                        ReferenceDataException
                                                                                .class)
                                                                .hasMessage(
                                                                        expectedFile
                                                                                + ":3: column Price:"
                                                                                + " cannot convert"
                                                                                + " \"abc\" to"
                                                                                + " DOUBLE")));
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable t = e; t != null && !causes.contains(t); t = t.getCause()) {
            causes.add(t);
        }
        return causes;
    }

    private static LocalDateTime at(String time) {
        return LocalDateTime.parse("2018-08-01T" + time);
    }
}
