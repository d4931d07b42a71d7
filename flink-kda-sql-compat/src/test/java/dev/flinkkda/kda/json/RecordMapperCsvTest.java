package dev.flinkkda.kda.json;

import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.options.ArrivalTimeMode;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.schema.KdaSchema;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.flinkkda.kda.json.MappedRecords.mapper;
import static dev.flinkkda.kda.json.MappedRecords.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CSV records mapped by position, against the examples of AWS's developer guide and API reference
 * (sch-mapping.md's CSV input schema, sch-dis-ref.md's discovered CSV with its raw record,
 * CSVMappingParameters' sample records); the expected rows are read off those pages.
 */
class RecordMapperCsvTest {

    private static final RecordFormat.Csv COMMA_LINES = RecordFormat.csv(",", "\n");

    @Nested
    class TheGuidesExamples {

        @Test
        void theInputSchemaExampleColumnsInOrder() {
            // "LastName VARCHAR(16), FirstName VARCHAR(16), CustomerId INTEGER", "," and "\n"
            assertThat(
                            outcome(
                                    "LastName VARCHAR(16), FirstName VARCHAR(16), CustomerId INTEGER",
                                    COMMA_LINES,
                                    "Doe,John,67321\nRoe,Jane,42\n"))
                    .containsExactly("+I[Doe, John, 67321]", "+I[Roe, Jane, 42]");
        }

        @Test
        void theDiscoveredSchemasRawRecordHoldsSixRows() {
            // sch-dis-ref.md: DiscoverInputSchema of data.csv gives RecordRowDelimiter "\r\n",
            // RecordColumnDelimiter "," and these columns; RawInputRecords is one record.
            RecordMapper mapper =
                    mapper(
                            "COL_year INTEGER, COL_month INTEGER, state VARCHAR(4),"
                                    + " producer_type VARCHAR(64), energy_source VARCHAR(4),"
                                    + " units VARCHAR(16), consumption INTEGER",
                            RecordFormat.csv(",", "\r\n"));
            String raw =
                    "year,month,state,producer_type,energy_source,units,consumption\r\n"
                            + "2001,1,AK,TotalElectricPowerIndustry,Coal,ShortTons,47615\r\n"
                            + "2001,1,AK,ElectricGeneratorsElectricUtilities,Coal,ShortTons,16535\r\n"
                            + "2001,1,AK,CombinedHeatandPowerElectricPower,Coal,ShortTons,22890\r\n"
                            + "2001,1,AL,TotalElectricPowerIndustry,Coal,ShortTons,3020601\r\n"
                            + "2001,1,AL,ElectricGeneratorsElectricUtilities,Coal,ShortTons,2987681";
            // The header row's "year" is no INTEGER (discovery shows it as null; a running
            // application sends the row to the error stream); the five data rows go on.
            assertThat(outcome(mapper, raw))
                    .containsExactly(
                            "COERCION_ERROR: row 1 of 6: column COL_YEAR: cannot convert \"year\""
                                    + " to INTEGER",
                            "+I[2001, 1, AK, TotalElectricPowerIndustry, Coal, ShortTons, 47615]",
                            "+I[2001, 1, AK, ElectricGeneratorsElectricUtilities, Coal, ShortTons,"
                                    + " 16535]",
                            "+I[2001, 1, AK, CombinedHeatandPowerElectricPower, Coal, ShortTons,"
                                    + " 22890]",
                            "+I[2001, 1, AL, TotalElectricPowerIndustry, Coal, ShortTons, 3020601]",
                            "+I[2001, 1, AL, ElectricGeneratorsElectricUtilities, Coal, ShortTons,"
                                    + " 2987681]");
        }

        @Test
        void theCsvMappingParametersSample() {
            // API_CSVMappingParameters: "name1", "address1" / "name2", "address2"
            assertThat(
                            outcome(
                                    "NAME VARCHAR(8), ADDRESS VARCHAR(8)",
                                    COMMA_LINES,
                                    "\"name1\", \"address1\"\n\"name2\", \"address2\""))
                    .containsExactly("+I[name1, address1]", "+I[name2, address2]");
        }

        @Test
        void theReferenceExamplesSpaceDelimiter() {
            // api-examples.md's ReferenceSchema: RecordColumnDelimiter " ", RecordRowDelimiter
            // "\r\n"
            assertThat(
                            outcome(
                                    "TICKER VARCHAR(4), COMPANY_NAME VARCHAR(40)",
                                    RecordFormat.csv(" ", "\r\n"),
                                    "AMZN Amazon\r\nASD SomeCompanyA\r\n"))
                    .containsExactly("+I[AMZN, Amazon]", "+I[ASD, SomeCompanyA]");
        }

        @Test
        void theFirstColumnsMayBeTakenNotSome() {
            // "you can import the first three columns from an input stream containing five
            // elements"
            assertThat(outcome("A INTEGER, B INTEGER, C INTEGER", COMMA_LINES, "1,2,3,4,5"))
                    .containsExactly("+I[1, 2, 3]");
        }
    }

    @Nested
    class Fields {

        @Test
        void missingFieldsAtTheEndAreNull() {
            assertThat(outcome("A INTEGER, B VARCHAR(4), C DOUBLE", COMMA_LINES, "1\n2,x"))
                    .containsExactly("+I[1, null, null]", "+I[2, x, null]");
            assertThat(outcome("A INTEGER, B INTEGER NOT NULL", COMMA_LINES, "1"))
                    .containsExactly(
                            "COERCION_ERROR: column B: missing, but the column is NOT NULL");
        }

        @Test
        void emptyFieldsAreNullQuotedEmptyOnesTheEmptyString() {
            assertThat(outcome("A VARCHAR(4), B VARCHAR(4), C INTEGER", COMMA_LINES, ",\"\","))
                    .containsExactly("+I[null, , null]");
            assertThat(outcome("A INTEGER NOT NULL, B INTEGER", COMMA_LINES, ",1"))
                    .containsExactly("COERCION_ERROR: column A: null, but the column is NOT NULL");
        }

        @Test
        void quotedFieldsHoldDelimitersAndQuotes() {
            assertThat(
                            outcome(
                                    "A VARCHAR(32), B VARCHAR(32)",
                                    COMMA_LINES,
                                    "\"a,b\nc\",\"say \"\"hi\"\"\"\nplain \"x\" y, z "))
                    .containsExactly("+I[a,b\nc, say \"hi\"]", "+I[plain \"x\" y,  z ]");
        }

        @Test
        void valuesAreCoercedAsJsonStringsAre() {
            assertThat(
                            outcome(
                                    "N DECIMAL(5,2), T TIMESTAMP, B BOOLEAN, S VARCHAR(3), X"
                                            + " VARBINARY(2)",
                                    COMMA_LINES,
                                    " 4.125 ,2018-08-01 11:00:20,TRUE,abcdef,0a1b"))
                    .containsExactly("+I[4.13, 2018-08-01T11:00:20, true, abc, [10, 27]]");
            assertThat(outcome("N INTEGER, M INTEGER", COMMA_LINES, "1.5,2"))
                    .containsExactly(
                            "COERCION_ERROR: column N: cannot convert \"1.5\" to INTEGER: not a"
                                    + " whole number");
        }

        @Test
        void multiCharacterDelimiters() {
            assertThat(
                            outcome(
                                    "A VARCHAR(8), B VARCHAR(8)",
                                    RecordFormat.csv("||", "<EOR>"),
                                    "a|b||c<EOR>d||e|f<EOR>"))
                    .containsExactly("+I[a|b, c]", "+I[d, e|f]");
        }
    }

    @Nested
    class Rows {

        @Test
        void crLfEndsRowsWhenTheDelimiterIsLf() {
            assertThat(outcome("A VARCHAR(4), B VARCHAR(4)", COMMA_LINES, "a,b\r\nc,d\r\n"))
                    .containsExactly("+I[a, b]", "+I[c, d]");
            assertThat(outcome("A VARCHAR(4), B VARCHAR(4)", COMMA_LINES, "a,b\r"))
                    .containsExactly("+I[a, b]");
        }

        @Test
        void aLoneLfIsAnOrdinaryCharacterWhenTheDelimiterIsCrLf() {
            assertThat(
                            outcome(
                                    "A VARCHAR(4), B VARCHAR(4)",
                                    RecordFormat.csv(",", "\r\n"),
                                    "a\nb,c\r\nd,e"))
                    .containsExactly("+I[a\nb, c]", "+I[d, e]");
        }

        @Test
        void emptyRowsAreNoRowsAndAnEmptyRecordIsAnError() {
            assertThat(outcome("A VARCHAR(4)", COMMA_LINES, "a\n\n\nb\n"))
                    .containsExactly("+I[a]", "+I[b]");
            assertThat(outcome("A VARCHAR(4)", COMMA_LINES, ""))
                    .containsExactly("MALFORMED_RECORD: empty record");
            assertThat(outcome("A VARCHAR(4)", COMMA_LINES, "\n\r\n\n"))
                    .containsExactly("MALFORMED_RECORD: empty record");
        }

        @Test
        void aBadRowGoesToTheErrorStreamTheOthersGoOn() {
            assertThat(
                            outcome(
                                    "A INTEGER, B VARCHAR(4)",
                                    COMMA_LINES,
                                    "1,a\nx,b\n\"3\"junk,c\n4,d"))
                    .containsExactly(
                            "+I[1, a]",
                            "COERCION_ERROR: row 2 of 4: column A: cannot convert \"x\" to INTEGER",
                            "MALFORMED_RECORD: row 3 of 4: field 1: 'j' after the closing quote;"
                                    + " a quote inside a quoted field is written twice",
                            "+I[4, d]");
        }

        @Test
        void aHugeRecordOfManyRows() throws Exception {
            int n = 100_000;
            StringBuilder record = new StringBuilder();
            for (int i = 0; i < n; i++) {
                record.append(i).append(",\"v,").append(i).append("\"\r\n");
            }
            List<org.apache.flink.types.Row> rows =
                    mapper("I INTEGER, V VARCHAR(16)", COMMA_LINES).rows(record.toString());
            assertThat(rows).hasSize(n);
            assertThat(rows.get(n - 1))
                    .isEqualTo(org.apache.flink.types.Row.of(n - 1, "v," + (n - 1)));
        }

        @Test
        void anUnclosedQuoteEndsTheRecord() {
            assertThat(outcome("A VARCHAR(4), B VARCHAR(4)", COMMA_LINES, "a,b\nc,\"d\ne,f"))
                    .containsExactly(
                            "+I[a, b]",
                            "MALFORMED_RECORD: row 2 of 2: field 2: the quoted field is not"
                                    + " closed");
        }
    }

    @Nested
    class Times {

        @Test
        void rowtimeAndArrivalFieldsAreColumnsByName() {
            RecordMapper mapper =
                    RecordMapper.of(
                            KdaSchema.parse("TICKER VARCHAR(4), EVENT_TIME TIMESTAMP"),
                            COMMA_LINES,
                            RowtimeMode.field("event_time"),
                            ArrivalTimeMode.field("APPROXIMATE_ARRIVAL_TIME"));
            assertThat(outcome(mapper, "AMZN,2018-08-01 11:00:20\nINTC,2018-08-01 11:00:21\nX"))
                    .containsExactly(
                            "+I[AMZN, 2018-08-01T11:00:20, 2018-08-01T11:00:20,"
                                    + " 2018-08-01T11:00:20]",
                            "+I[INTC, 2018-08-01T11:00:21, 2018-08-01T11:00:21,"
                                    + " 2018-08-01T11:00:21]",
                            "COERCION_ERROR: row 3 of 3: ROWTIME field event_time: missing");
        }

        @Test
        void aRowtimeFieldThatIsNoColumnIsRefused() {
            assertThatThrownBy(
                            () ->
                                    RecordMapper.of(
                                            KdaSchema.parse("TICKER VARCHAR(4)"),
                                            COMMA_LINES,
                                            RowtimeMode.field("ROWTIME"),
                                            ArrivalTimeMode.rowtime()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "ROWTIME field ROWTIME: a CSV record has no field names; name one of"
                                    + " the columns [TICKER], or take ROWTIME from the arrival or"
                                    + " processing time");
        }

        @Test
        void aDeclaredArrivalTimeColumnTakesNoField() throws Exception {
            RecordMapper mapper =
                    RecordMapper.of(
                            KdaSchema.parse(
                                    "A INTEGER, APPROXIMATE_ARRIVAL_TIME TIMESTAMP, B INTEGER"),
                            COMMA_LINES,
                            RowtimeMode.processing(),
                            ArrivalTimeMode.arrival());
            assertThat(mapper.rows("1,2", 1_533_121_220_000L))
                    .extracting(Object::toString)
                    .isEqualTo(List.of("+I[1, 2018-08-01T11:00:20, 2]"));
        }
    }
}
