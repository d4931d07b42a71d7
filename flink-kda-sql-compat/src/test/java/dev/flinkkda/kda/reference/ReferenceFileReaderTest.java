package dev.flinkkda.kda.reference;

import dev.flinkkda.kda.format.JsonPath;
import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferenceFileReaderTest {

    private static final String COLUMNS =
            "\"Ticker\" VARCHAR(4), \"Company\" VARCHAR(16), SHARES BIGINT, WEIGHT DECIMAL(4, 2),"
                    + " LISTED TIMESTAMP, ACTIVE BOOLEAN, PRICE DOUBLE, SINCE DATE";

    @TempDir Path directory;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** A reader built as {@link ReferenceTables} and the connector build it: from Flink types. */
    private static ReferenceFileReader reader(Path file, ReferenceFormat format, String columns) {
        KdaSchema declared = KdaSchema.parse(columns);
        DataType rowType = declared.rowDataType();
        return new ReferenceFileReader(
                file.toString(),
                format,
                ReferenceColumns.schema(
                        DataType.getFieldNames(rowType), DataType.getFieldDataTypes(rowType)));
    }

    @Test
    void csvValuesAreConvertedToTheirColumnsTypes() throws IOException {
        Path file =
                file(
                        "companies.csv",
                        "\uFEFFTicker,Company,Shares,Weight,Listed,Active,Price,Since\n"
                                + "AMZN,Amazon.com Inc.,1000,0.255,1997-05-15 09:30:00,true,84.5,"
                                + "1997-05-15\r\n"
                                + "MMB,\"Some, Company\",,\"0.1\",2000-01-01T00:00:00.123456,FALSE,"
                                + "1e2,\n");
        List<Row> rows = reader(file, ReferenceFormat.csv().withHeader(true), COLUMNS).read();
        assertThat(rows)
                .containsExactly(
                        Row.of(
                                "AMZN",
                                "Amazon.com Inc.",
                                1000L,
                                new BigDecimal("0.26"), // 0.255 rounded half up to 2 digits
                                LocalDateTime.of(1997, 5, 15, 9, 30),
                                true,
                                84.5,
                                LocalDate.of(1997, 5, 15)),
                        Row.of(
                                "MMB",
                                "Some, Company",
                                null,
                                new BigDecimal("0.10"),
                                LocalDateTime.of(2000, 1, 1, 0, 0, 0, 123_000_000), // ms kept
                                false,
                                100.0,
                                null));
    }

    @Test
    void withoutHeaderTheFirstLineIsARow() throws IOException {
        Path file = file("t.csv", "AMZN;Amazon\nMMB;'SomeCompany; B'\n");
        assertThat(
                        reader(
                                        file,
                                        ReferenceFormat.csv(';', '\'', false),
                                        "\"Ticker\" VARCHAR(4), \"Company\" VARCHAR(20)")
                                .read())
                .containsExactly(Row.of("AMZN", "Amazon"), Row.of("MMB", "SomeCompany; B"));
    }

    @Test
    void longerStringsAreTruncatedAsKdaDoes() throws IOException {
        Path file = file("t.csv", "AMAZON,Amazon\n");
        assertThat(reader(file, ReferenceFormat.csv(), "\"Ticker\" VARCHAR(4), C VARCHAR").read())
                .containsExactly(Row.of("AMAZ", "Amazon"));
    }

    @Test
    void jsonLinesTakeEachColumnFromItsKey() throws IOException {
        Path file =
                file(
                        "companies.jsonl",
                        "{\"Ticker\": \"AMZN\", \"Company\": \"Amazon\", \"SHARES\": 1000,"
                                + " \"WEIGHT\": 0.25, \"LISTED\": \"1997-05-15 09:30:00\","
                                + " \"ACTIVE\": true, \"PRICE\": 84.5, \"SINCE\": \"1997-05-15\"}\n"
                                + "\n"
                                // keys equal ignoring case, a number as a string, epoch millis,
                                // missing keys and an extra key
                                + "{\"ticker\": \"MMB\", \"weight\": \"0.125\", \"listed\":"
                                + " 946684800000, \"extra\": [1, 2]}\n");
        assertThat(reader(file, ReferenceFormat.json(), COLUMNS).read())
                .containsExactly(
                        Row.of(
                                "AMZN",
                                "Amazon",
                                1000L,
                                new BigDecimal("0.25"),
                                LocalDateTime.of(1997, 5, 15, 9, 30),
                                true,
                                84.5,
                                LocalDate.of(1997, 5, 15)),
                        Row.of(
                                "MMB",
                                null,
                                null,
                                new BigDecimal("0.13"),
                                LocalDateTime.of(2000, 1, 1, 0, 0),
                                null,
                                null,
                                null));
    }

    @Test
    void aCsvValueThatDoesNotFitItsColumnNamesFileLineAndColumn() throws IOException {
        Path file = file("companies.csv", "Ticker,Shares\nAMZN,1000\n\nXYZ,abc\n");
        assertThatThrownBy(
                        () ->
                                reader(
                                                file,
                                                ReferenceFormat.csv().withHeader(true),
                                                "\"Ticker\" VARCHAR(4), \"Shares\" INTEGER")
                                        .read())
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage(file + ":4: column Shares: cannot convert \"abc\" to INTEGER");
    }

    @Test
    void aDecimalOutOfRangeIsAnError() throws IOException {
        Path file = file("w.csv", "AMZN,123.4\n");
        assertThatThrownBy(
                        () ->
                                reader(file, ReferenceFormat.csv(), "T VARCHAR(4), W DECIMAL(4,2)")
                                        .read())
                .hasMessage(
                        file
                                + ":1: column W: cannot convert \"123.4\" to DECIMAL(4,2): out of range");
    }

    @Test
    void aCsvRecordNeedsOneFieldPerColumn() throws IOException {
        Path file = file("companies.csv", "AMZN,Amazon\nMMB,Some,Company\n");
        assertThatThrownBy(
                        () ->
                                reader(
                                                file,
                                                ReferenceFormat.csv(),
                                                "\"Ticker\" VARCHAR(4), \"Company\" VARCHAR(20)")
                                        .read())
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage(file + ":2: 3 fields, but the table has 2 columns (Ticker, Company)");
    }

    @Test
    void aNullInANotNullColumnIsAnError() throws IOException {
        Path file = file("companies.csv", "AMZN,Amazon\n,Nobody\n");
        assertThatThrownBy(
                        () ->
                                reader(
                                                file,
                                                ReferenceFormat.csv(),
                                                "\"Ticker\" VARCHAR(4) NOT NULL, \"Company\""
                                                        + " VARCHAR(20)")
                                        .read())
                .hasMessage(file + ":2: column Ticker: null, but the column is NOT NULL");
    }

    @Test
    void aJsonLineThatIsNoObjectIsAnError() throws IOException {
        Path file = file("companies.jsonl", "{\"Ticker\": \"AMZN\"}\n[\"MMB\"]\n");
        assertThatThrownBy(
                        () -> reader(file, ReferenceFormat.json(), "\"Ticker\" VARCHAR(4)").read())
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage(file + ":2: not a JSON object");
    }

    @Test
    void aJsonValueThatDoesNotFitItsColumnIsAnError() throws IOException {
        Path file = file("companies.jsonl", "{\"Ticker\": \"AMZN\", \"Active\": 2}\n");
        assertThatThrownBy(
                        () ->
                                reader(
                                                file,
                                                ReferenceFormat.json(),
                                                "\"Ticker\" VARCHAR(4), \"Active\" BOOLEAN")
                                        .read())
                .hasMessage(
                        file
                                + ":1: column Active: cannot convert 2 to BOOLEAN: only 0 and 1 are"
                                + " booleans");
    }

    @Test
    void aMissingFileOrADirectoryIsAnError() {
        Path missing = directory.resolve("missing.csv");
        assertThatThrownBy(() -> reader(missing, ReferenceFormat.csv(), "T VARCHAR(4)").read())
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage(missing + ": no such reference file");
        assertThatThrownBy(() -> reader(directory, ReferenceFormat.csv(), "T VARCHAR(4)").read())
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage(directory + ": a directory, not a reference file");
    }

    @Test
    void aFileThatIsNotUtf8IsAnError() throws IOException {
        Path file = Files.write(directory.resolve("latin1.csv"), new byte[] {'A', (byte) 0xE9});
        assertThatThrownBy(() -> reader(file, ReferenceFormat.csv(), "T VARCHAR(4)").read())
                .hasMessage(file + ": not UTF-8 at byte 1 (line 1, column 2)");
    }

    /**
     * KDA's ReferenceSchema formats: JSON records a line each with JSONPath mappings of nested
     * fields; one JSON document whose rows are an array ({@code $.companies[0:]}); CSV with
     * several-character delimiters. Rows by hand from the texts.
     */
    @Test
    void kdaRecordFormatsMapTheirRows() throws IOException {
        String columns = "\"Ticker\" VARCHAR(4), \"Company\" VARCHAR(16)";
        Map<String, JsonPath> nested = new java.util.LinkedHashMap<>();
        nested.put("Ticker", JsonPath.parse("$.id.ticker"));
        nested.put("Company", JsonPath.parse("$.name"));
        Path lines =
                file(
                        "companies.json",
                        "{\"id\": {\"ticker\": \"AMZN\"}, \"name\": \"Amazon\"}\n\n"
                                + "{\"id\": {\"ticker\": \"INFY\"}, \"name\": \"Infosys\"}\n");
        assertThat(
                        reader(
                                        lines,
                                        ReferenceFormat.records(
                                                RecordFormat.json(JsonPath.parse("$"), nested)),
                                        columns)
                                .read())
                .containsExactly(Row.of("AMZN", "Amazon"), Row.of("INFY", "Infosys"));

        Map<String, JsonPath> flattened = new java.util.LinkedHashMap<>();
        flattened.put("Ticker", JsonPath.parse("$.companies[0:].t"));
        flattened.put("Company", JsonPath.parse("$.companies[0:].c"));
        Path document =
                file(
                        "document.json",
                        "{\"companies\": [\n  {\"t\": \"AMZN\", \"c\": \"Amazon\"},\n"
                                + "  {\"t\": \"MSFT\", \"c\": \"Microsoft\"}\n]}\n");
        assertThat(
                        reader(
                                        document,
                                        ReferenceFormat.records(
                                                RecordFormat.json(
                                                        JsonPath.parse("$.companies[0:]"),
                                                        flattened)),
                                        columns)
                                .read())
                .containsExactly(Row.of("AMZN", "Amazon"), Row.of("MSFT", "Microsoft"));

        Path csv = file("companies.txt", "AMZN::Amazon||INFY::Infosys||");
        assertThat(
                        reader(csv, ReferenceFormat.records(RecordFormat.csv("::", "||")), columns)
                                .read())
                .containsExactly(Row.of("AMZN", "Amazon"), Row.of("INFY", "Infosys"));
    }

    /** A record that does not fit names the file and its line. */
    @Test
    void aKdaRecordThatDoesNotFitNamesItsLine() throws IOException {
        Path lines = file("bad.json", "{\"n\": 1}\n{\"n\": \"x\"}\n");
        Map<String, JsonPath> mappings = Map.of("N", JsonPath.parse("$.n"));
        assertThatThrownBy(
                        () ->
                                reader(
                                                lines,
                                                ReferenceFormat.records(
                                                        RecordFormat.json(
                                                                JsonPath.parse("$"), mappings)),
                                                "N INTEGER")
                                        .read())
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage(lines + ":2: column N: cannot convert \"x\" to INTEGER");
    }
}
