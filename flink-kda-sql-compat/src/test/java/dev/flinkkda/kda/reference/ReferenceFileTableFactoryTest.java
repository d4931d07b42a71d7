package dev.flinkkda.kda.reference;

import dev.flinkkda.kda.format.JsonPath;
import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.sql.analysis.StreamColumn;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.parser.KdaSqlParser;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.ValidationException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connector's options and the table {@link ReferenceTables} registers, checked by planning. */
class ReferenceFileTableFactoryTest {

    /** A lookup join on {@code CompanyName}, as the translator plans it. */
    private static final String LOOKUP_JOIN =
            "SELECT s.sym, c.`Company` FROM (SELECT CAST(sym AS VARCHAR(4)) AS sym, PROCTIME() AS"
                    + " pt FROM (VALUES ('AMZN')) AS v(sym)) AS s LEFT JOIN `CompanyName` FOR"
                    + " SYSTEM_TIME AS OF s.pt AS c ON s.sym = c.`Ticker`";

    @TempDir Path directory;

    private TableEnvironment tableEnv;
    private Path companies;

    @BeforeEach
    void setUp() throws IOException {
        tableEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        companies = Files.writeString(directory.resolve("companies.csv"), "AMZN,Amazon\n");
    }

    /**
     * Creates {@code CompanyName} with these options (besides the connector's) and plans a join.
     */
    private String plan(String columns, String options) {
        tableEnv.executeSql(
                "CREATE TEMPORARY TABLE `CompanyName` ("
                        + columns
                        + ") WITH ('connector' = 'kda-reference-file'"
                        + (options.isEmpty() ? "" : ", " + options)
                        + ")");
        return tableEnv.explainSql(LOOKUP_JOIN);
    }

    private String plan(String options) {
        return plan("`Ticker` VARCHAR(4), `Company` VARCHAR(64)", options);
    }

    @Test
    void theJoinIsALookupJoinOnTheFile() {
        assertThat(plan("'path' = '" + companies + "'"))
                .contains("LookupJoin(table=[default_catalog.default_database.CompanyName]")
                .contains("lookup=[Ticker=sym]");
    }

    @Test
    void everyOptionIsAccepted() {
        assertThat(
                        plan(
                                "'path' = '"
                                        + companies
                                        + "', 'format' = 'csv', 'csv.field-delimiter' = '\\t',"
                                        + " 'csv.quote-character' = '''', 'csv.header' = 'true'"))
                .contains("LookupJoin");
    }

    @Test
    void theFormatIsCsvOrJson() {
        assertThatThrownBy(() -> plan("'path' = '" + companies + "', 'format' = 'xml'"))
                .hasRootCauseInstanceOf(ValidationException.class)
                .hasRootCauseMessage(
                        "reference table \"CompanyName\": option 'format' must be 'csv', 'json' or"
                                + " 'kda-records',"
                                + " was 'xml'");
    }

    @Test
    void csvOptionsDoNotGoWithJson() {
        assertThatThrownBy(
                        () ->
                                plan(
                                        "'path' = '"
                                                + companies
                                                + "', 'format' = 'json', 'csv.header' = 'true'"))
                .hasRootCauseMessage(
                        "reference table \"CompanyName\": option 'csv.header' applies to format"
                                + " 'csv' only, but 'format' is 'json'");
    }

    @Test
    void theDelimiterIsOneCharacter() {
        assertThatThrownBy(() -> plan("'path' = '" + companies + "', 'csv.field-delimiter' = ';;'"))
                .hasRootCauseMessage(
                        "reference table \"CompanyName\": option 'csv.field-delimiter' must be one"
                                + " character (or \\t for a tab), was ';;'");
    }

    @Test
    void theDelimiterAndTheQuoteDiffer() {
        assertThatThrownBy(() -> plan("'path' = '" + companies + "', 'csv.quote-character' = ','"))
                .hasRootCauseMessage(
                        "reference table \"CompanyName\": options 'csv.field-delimiter' and"
                                + " 'csv.quote-character' cannot be the same character: ','");
    }

    @Test
    void thePathIsRequired() {
        assertThatThrownBy(() -> plan("'format' = 'csv'"))
                .hasRootCauseMessage(
                        "One or more required options are missing.\n\n"
                                + "Missing required options are:\n\n"
                                + "path");
    }

    @Test
    void unknownOptionsAreErrors() {
        assertThatThrownBy(() -> plan("'path' = '" + companies + "', 'csv.delimiter' = ';'"))
                .rootCause()
                .hasMessageStartingWith(
                        "Unsupported options found for 'kda-reference-file'.\n\n"
                                + "Unsupported options:\n\n"
                                + "csv.delimiter");
    }

    @Test
    void theHeaderOptionIsABoolean() {
        assertThatThrownBy(() -> plan("'path' = '" + companies + "', 'csv.header' = 'yes'"))
                .hasStackTraceContaining("Invalid value for option 'csv.header'.");
    }

    @Test
    void columnsHaveKdaTypesAndNoRowtime() {
        assertThatThrownBy(
                        () ->
                                plan(
                                        "`Ticker` VARCHAR(4), `Company` VARCHAR(64), `Tags`"
                                                + " ARRAY<STRING>",
                                        "'path' = '" + companies + "'"))
                .hasRootCauseMessage(
                        "reference table \"CompanyName\": column Tags: a reference file cannot fill"
                                + " a column of type ARRAY<STRING>");
        tableEnv.executeSql("DROP TEMPORARY TABLE `CompanyName`");
        assertThatThrownBy(
                        () ->
                                plan(
                                        "`Ticker` VARCHAR(4), `Company` VARCHAR(64), `ROWTIME`"
                                                + " TIMESTAMP(3)",
                                        "'path' = '" + companies + "'"))
                .hasRootCauseMessage(
                        "reference table \"CompanyName\": column ROWTIME: a reference table has no"
                                + " ROWTIME, and no column can take its name");
    }

    @Test
    void theDescriptorOfAReferenceTable() {
        TableDescriptor descriptor =
                ReferenceTables.descriptor(
                        KdaSchema.parse("\"Ticker\" VARCHAR(4), \"Company\" VARCHAR(64)"),
                        companies,
                        ReferenceFormat.csv().withFieldDelimiter(';').withHeader(true));
        assertThat(descriptor.getOptions())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "connector", "kda-reference-file",
                                "path", companies.toString(),
                                "format", "csv",
                                "csv.field-delimiter", ";",
                                "csv.quote-character", "\"",
                                "csv.header", "true"));
        assertThat(descriptor.getSchema())
                .contains(
                        Schema.newBuilder()
                                .column("Ticker", DataTypes.VARCHAR(4))
                                .column("Company", DataTypes.VARCHAR(64))
                                .build());
        assertThat(
                        ReferenceTables.descriptor(
                                        KdaSchema.parse("\"Ticker\" VARCHAR(4)"),
                                        companies,
                                        ReferenceFormat.json())
                                .getOptions())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "connector", "kda-reference-file",
                                "path", companies.toString(),
                                "format", "json"));
    }

    @Test
    void registerNamesTheTableExactlyAndPlansALookupJoin() {
        ReferenceTables.register(
                tableEnv,
                StreamDefinition.referenceTable(
                        "CompanyName",
                        KdaSchema.parse("\"Ticker\" VARCHAR(4), \"Company\" VARCHAR(64)")
                                .columns()
                                .stream()
                                .map(c -> column(c.name(), c.kdaType()))
                                .toList()),
                companies,
                ReferenceFormat.csv());
        assertThat(tableEnv.listTemporaryTables()).containsExactly("CompanyName");
        assertThat(tableEnv.explainSql(LOOKUP_JOIN)).contains("LookupJoin");
    }

    @Test
    void registerChecksTheFileFirst() throws IOException {
        Path bad = Files.writeString(directory.resolve("bad.csv"), "AMZN,Amazon\nMMB\n");
        assertThatThrownBy(
                        () ->
                                ReferenceTables.register(
                                        tableEnv,
                                        "CompanyName",
                                        KdaSchema.parse(
                                                "\"Ticker\" VARCHAR(4), \"Company\" VARCHAR(64)"),
                                        bad,
                                        ReferenceFormat.csv()))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage(bad + ":2: 1 field, but the table has 2 columns (Ticker, Company)");
        assertThat(tableEnv.listTemporaryTables()).isEmpty();
    }

    @Test
    void registerTakesReferenceTablesOnly() {
        assertThatThrownBy(
                        () ->
                                ReferenceTables.register(
                                        tableEnv,
                                        StreamDefinition.input(
                                                "SOURCE_SQL_STREAM_001",
                                                List.of(column("T", "VARCHAR(4)"))),
                                        companies,
                                        ReferenceFormat.csv()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"SOURCE_SQL_STREAM_001\" is INPUT, not a reference table");
    }

    @Test
    void registerRejectsColumnsNoFileCanFill() {
        assertThatThrownBy(
                        () ->
                                ReferenceTables.register(
                                        tableEnv,
                                        StreamDefinition.referenceTable(
                                                "CompanyName",
                                                List.of(
                                                        column("Ticker", "VARCHAR(4)"),
                                                        column("ROWTIME", "TIMESTAMP"))),
                                        companies,
                                        ReferenceFormat.csv()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "reference table \"CompanyName\": column ROWTIME: a reference table has no"
                                + " ROWTIME, and no column can take its name");
        assertThatThrownBy(
                        () ->
                                ReferenceTables.register(
                                        tableEnv,
                                        StreamDefinition.referenceTable(
                                                "CompanyName",
                                                List.of(
                                                        column("Ticker", "VARCHAR(4)"),
                                                        column("Age", "INTERVAL DAY"))),
                                        companies,
                                        ReferenceFormat.csv()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "reference table \"CompanyName\": column Age: INTERVAL DAY cannot be the"
                                + " type of a stream column (nor can it in KDA)");
        assertThat(tableEnv.listTemporaryTables()).isEmpty();
    }

    @Test
    void formatBuilders() {
        assertThat(
                        ReferenceFormat.csv()
                                .withQuoteCharacter('\'')
                                .withFieldDelimiter('\t')
                                .options())
                .containsExactly(
                        Map.entry("format", "csv"),
                        Map.entry("csv.field-delimiter", "\t"),
                        Map.entry("csv.quote-character", "'"),
                        Map.entry("csv.header", "false"));
        assertThat(ReferenceFormat.csv(';', '"', true))
                .isEqualTo(ReferenceFormat.csv().withFieldDelimiter(';').withHeader(true));
        assertThatThrownBy(() -> ReferenceFormat.csv().withFieldDelimiter('"'))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "options 'csv.field-delimiter' and 'csv.quote-character' cannot be the"
                                + " same character: '\"'");
        assertThatThrownBy(() -> ReferenceFormat.csv().withFieldDelimiter('\n'))
                .hasMessage("option 'csv.field-delimiter' cannot be a line break");
        assertThatThrownBy(() -> ReferenceFormat.json().withHeader(true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("option 'csv.header' applies to format 'csv' only, not 'json'");
    }

    /** A column of a KDA type, e.g. {@code VARCHAR(4)}. */
    private static StreamColumn column(String name, String kdaType) {
        return new StreamColumn(
                name,
                KdaSqlParser.parse("CREATE STREAM s (c " + kdaType + ");", "types.sql")
                        .streams()
                        .get(0)
                        .columns()
                        .get(0)
                        .type());
    }

    /** KDA's record formats travel in the options and come back equal. */
    @Test
    void kdaRecordFormatsRoundTripThroughTheOptions() {
        for (RecordFormat records :
                List.of(
                        RecordFormat.csv("::", "||"),
                        RecordFormat.json(
                                JsonPath.parse("$.companies[0:]"),
                                Map.of("T", JsonPath.parse("$.companies[0:]['the id']"))))) {
            ReferenceFormat format = ReferenceFormat.records(records);
            assertThat(format.options()).containsEntry("format", "kda-records");
            assertThat(
                            ReferenceFileTableFactory.format(
                                    org.apache.flink.configuration.Configuration.fromMap(
                                            format.options())))
                    .isEqualTo(format);
        }
    }
}
