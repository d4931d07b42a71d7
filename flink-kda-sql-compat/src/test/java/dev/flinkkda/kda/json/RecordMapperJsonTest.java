package dev.flinkkda.kda.json;

import dev.flinkkda.kda.format.JsonPath;
import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.format.RecordFormatException;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static dev.flinkkda.kda.json.MappedRecords.json;
import static dev.flinkkda.kda.json.MappedRecords.mapper;
import static dev.flinkkda.kda.json.MappedRecords.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * JSON records mapped by RecordRowPath and JSONPath mappings, against the examples of AWS's
 * developer guide ("Working with JSONPath", "Mapping Streaming Source Elements to SQL Input
 * Columns"); the expected rows are read off those pages.
 */
class RecordMapperJsonTest {

    /**
     * The guide's record of "Working with JSONPath", made valid JSON: the page's {@code
     * "streetAddress": [ "number":"123", "street":"AnyStreet" ]} is no JSON (an array of members)
     * and a comma is missing after {@code address}; its {@code $.address.streetAddress.street}
     * example reads it as an object, as here.
     */
    static final String CUSTOMER =
            "{\"customerName\":\"John Doe\","
                    + "\"address\":{\"streetAddress\":{\"number\":\"123\",\"street\":\"AnyStreet\"},"
                    + "\"city\":\"Anytown\"},"
                    + "\"orders\":[{\"orderId\":\"23284\",\"itemName\":\"Widget\",\"itemPrice\":\"33.99\"},"
                    + "{\"orderId\":\"63122\",\"itemName\":\"Gadget\",\"itemPrice\":\"22.50\"},"
                    + "{\"orderId\":\"77284\",\"itemName\":\"Sprocket\",\"itemPrice\":\"12.00\"}]}";

    @Nested
    class WorkingWithJsonPath {

        @Test
        void elementsAndNestedElements() {
            assertThat(
                            outcome(
                                    "NAME VARCHAR(16), CITY VARCHAR(16), STREET VARCHAR(16),"
                                            + " WRONG_CASE VARCHAR(16), ID VARCHAR(16)",
                                    json(
                                            "$",
                                            "NAME",
                                            "$.customerName",
                                            "CITY",
                                            "$.address.city",
                                            "STREET",
                                            "$.address.streetAddress.street",
                                            "WRONG_CASE",
                                            "$.Name",
                                            "ID",
                                            "$.customerId"),
                                    CUSTOMER))
                    // "$.Name returns null" (case-sensitive); "$.customerId returns null"
                    .containsExactly("+I[John Doe, Anytown, AnyStreet, null, null]");
        }

        @Test
        void anArrayIndexLastIsTheWholeArrayInOneRow() {
            assertThat(
                            outcome(
                                    "ORDERS VARCHAR(512)",
                                    json("$", "ORDERS", "$.orders[0:]"),
                                    CUSTOMER))
                    .containsExactly(
                            "+I[[{\"orderId\":\"23284\",\"itemName\":\"Widget\",\"itemPrice\":\"33.99\"},"
                                    + "{\"orderId\":\"63122\",\"itemName\":\"Gadget\",\"itemPrice\":\"22.50\"},"
                                    + "{\"orderId\":\"77284\",\"itemName\":\"Sprocket\",\"itemPrice\":\"12.00\"}]]");
        }

        @Test
        void anArrayIndexFollowedByMoreStepsGivesARowPerElement() {
            assertThat(
                            outcome(
                                    "ORDER_ID VARCHAR(8)",
                                    json("$", "ORDER_ID", "$.orders[0:].orderId"),
                                    CUSTOMER))
                    .containsExactly("+I[23284]", "+I[63122]", "+I[77284]");
        }

        @Test
        void nonArrayElementsRepeatOnEveryRow() {
            assertThat(
                            outcome(
                                    "NAME VARCHAR(16), ORDER_ID INTEGER",
                                    json(
                                            "$",
                                            "NAME",
                                            "$.customerName",
                                            "ORDER_ID",
                                            "$.orders[0:].orderId"),
                                    CUSTOMER))
                    .containsExactly(
                            "+I[John Doe, 23284]", "+I[John Doe, 63122]", "+I[John Doe, 77284]");
        }

        @Test
        void oneArrayFlattenedAnotherReadWholeOnEveryRow() {
            String record = "{\"one\":[{\"e\":1},{\"e\":2}],\"two\":[\"x\",\"y\"]}";
            assertThat(
                            outcome(
                                    "E INTEGER, TWO VARCHAR(16)",
                                    json("$", "E", "$.one[0:].e", "TWO", "$.two[0:]"),
                                    record))
                    .containsExactly("+I[1, [\"x\",\"y\"]]", "+I[2, [\"x\",\"y\"]]");
        }

        @Test
        void twoArraysFlattenedIsNoValidSchema() {
            RecordFormatException error =
                    catchThrowableOfType(
                            RecordFormatException.class,
                            () ->
                                    mapper(
                                            "A INTEGER, B INTEGER",
                                            json("$", "A", "$.one[0:].e", "B", "$.two[0:].e")));
            assertThat(error.columnName()).contains("B");
            assertThat(error.getMessage())
                    .isEqualTo(
                            "column B: Mapping \"$.two[0:].e\" flattens the array $.two[0:] into"
                                    + " rows, but column A's Mapping \"$.one[0:].e\" flattens"
                                    + " $.one[0:]; only one array can be flattened in a schema"
                                    + " (another array can be read whole, its path ending in"
                                    + " [0:])");
        }

        @Test
        void onlyOneLevelOfDereferencing() {
            RecordFormatException error =
                    catchThrowableOfType(
                            RecordFormatException.class,
                            () ->
                                    mapper(
                                            "S INTEGER",
                                            json("$", "S", "$.a[0:].element[0:].subElement")));
            assertThat(error.columnName()).contains("S");
            assertThat(error.getMessage())
                    .isEqualTo(
                            "column S: Mapping \"$.a[0:].element[0:].subElement\": [0:]"
                                    + " within a flattened array's element; KDA flattens one level"
                                    + " only (a path may end in a second [0:], the inner array read"
                                    + " whole)");
        }

        @Test
        void aRowPathWithTwoLevelsLeavesColumnsWithoutMappingTwoLevelsDown() {
            RecordFormatException error =
                    catchThrowableOfType(
                            RecordFormatException.class,
                            () -> mapper("C INTEGER", json("$.a[0:].b[0:]")));
            assertThat(error.columnName()).isEmpty();
            assertThat(error.getMessage())
                    .isEqualTo(
                            "RecordRowPath \"$.a[0:].b[0:]\": [0:] within a flattened array's"
                                    + " element; KDA flattens one level only (a path may end in a"
                                    + " second [0:], the inner array read whole)");
        }

        @Test
        void aFlattenedArrayWhoseElementsLackTheElementGivesOneRowOfNulls() {
            // "$.orders[0:].itemId returns records with null values"; "an array is always
            // flattened to at least one row"
            assertThat(
                            outcome(
                                    "NAME VARCHAR(16), ITEM_ID VARCHAR(8)",
                                    json(
                                            "$",
                                            "NAME",
                                            "$.customerName",
                                            "ITEM_ID",
                                            "$.orders[0:].itemId"),
                                    CUSTOMER))
                    .containsExactly("+I[John Doe, null]");
        }

        @Test
        void anEmptyOrMissingArrayGivesOneRowOfNulls() {
            RecordMapper mapper =
                    mapper(
                            "NAME VARCHAR(16), ORDER_ID INTEGER",
                            json(
                                    "$",
                                    "NAME",
                                    "$.customerName",
                                    "ORDER_ID",
                                    "$.orders[0:].orderId"));
            assertThat(outcome(mapper, "{\"customerName\":\"A\",\"orders\":[]}"))
                    .containsExactly("+I[A, null]");
            assertThat(outcome(mapper, "{\"customerName\":\"B\"}")).containsExactly("+I[B, null]");
            assertThat(outcome(mapper, "{\"customerName\":\"C\",\"orders\":null}"))
                    .containsExactly("+I[C, null]");
            assertThat(outcome(mapper, "{\"customerName\":\"D\",\"orders\":{\"orderId\":1}}"))
                    .as("an object is no array")
                    .containsExactly("+I[D, null]");
        }

        @Test
        void missingElementsOfSomeArrayElementsAreNull() {
            assertThat(
                            outcome(
                                    "ID INTEGER, PRICE DECIMAL(5,2)",
                                    json("$", "ID", "$.o[0:].id", "PRICE", "$.o[0:].price"),
                                    "{\"o\":[{\"id\":1},{\"price\":\"2.5\"},{\"id\":3,\"price\":4}]}"))
                    .containsExactly("+I[1, null]", "+I[null, 2.50]", "+I[3, 4.00]");
        }
    }

    @Nested
    class RecordRowPath {

        @Test
        void theGuidesInputSchemaExample() {
            // sch-mapping.md's "JSON Input Schema Example": RecordRowPath "$", a Mapping per column
            RecordMapper mapper =
                    mapper(
                            "TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE TINYINT,"
                                    + " PRICE DECIMAL(5,2)",
                            json(
                                    "$",
                                    "TICKER_SYMBOL",
                                    "$.TICKER_SYMBOL",
                                    "SECTOR",
                                    "$.SECTOR",
                                    "CHANGE",
                                    "$.CHANGE",
                                    "PRICE",
                                    "$.PRICE"));
            assertThat(
                            outcome(
                                    mapper,
                                    "{\"TICKER_SYMBOL\":\"QXZ\",\"SECTOR\":\"HEALTHCARE\","
                                            + "\"CHANGE\":-2,\"PRICE\":84.515}"))
                    .containsExactly("+I[QXZ, HEALTHCARE, -2, 84.52]");
            assertThat(
                            outcome(
                                    mapper,
                                    "{\"TICKER_SYMBOL\":\"AMZNX\",\"SECTOR\":\"TECHNOLOGY\","
                                            + "\"CHANGE\":200,\"PRICE\":\"840\"}"))
                    .containsExactly(
                            "COERCION_ERROR: column CHANGE: cannot convert 200 to TINYINT: out of"
                                    + " range");
        }

        @Test
        void aRowPathEndingInEveryElementMakesItsElementsTheRows() {
            RecordMapper mapper =
                    mapper(
                            "SENSOR VARCHAR(8), TEMP DOUBLE, AT TIMESTAMP",
                            json(
                                    "$.readings[0:]",
                                    "SENSOR",
                                    "$.sensor",
                                    "TEMP",
                                    "$.readings[0:].temp"));
            // AT has no mapping: the key AT (or at) of each row, i.e. of each element
            assertThat(
                            outcome(
                                    mapper,
                                    "{\"sensor\":\"s1\",\"readings\":["
                                            + "{\"temp\":20.5,\"at\":\"2026-01-01 00:00:00\"},"
                                            + "{\"temp\":\"21\",\"AT\":\"2026-01-01 00:01:00\"},"
                                            + "{\"temp\":null}]}"))
                    .containsExactly(
                            "+I[s1, 20.5, 2026-01-01T00:00]",
                            "+I[s1, 21.0, 2026-01-01T00:01]",
                            "+I[s1, null, null]");
            assertThat(outcome(mapper, "{\"sensor\":\"s2\",\"readings\":[]}"))
                    .containsExactly("+I[s2, null, null]");
        }

        @Test
        void aRowPathToAnObjectIsTheBaseOfColumnsWithoutMapping() {
            assertThat(
                            outcome(
                                    "TICKER VARCHAR(4), PRICE DOUBLE, SOURCE VARCHAR(8)",
                                    json("$.data", "SOURCE", "$.meta.source"),
                                    "{\"meta\":{\"source\":\"feed\"},"
                                            + "\"data\":{\"ticker\":\"AMZN\",\"PRICE\":840.5}}"))
                    .containsExactly("+I[AMZN, 840.5, feed]");
        }

        @Test
        void aRecordThatIsAnArray() {
            RecordMapper mapper = mapper("A INTEGER, B VARCHAR(4)", json("$[0:]"));
            assertThat(outcome(mapper, "[{\"a\":1,\"b\":\"x\"},{\"A\":2}]"))
                    .containsExactly("+I[1, x]", "+I[2, null]");
            assertThat(outcome(mapper, "{\"a\":1}"))
                    .as("an object where an array of rows was expected")
                    .containsExactly("+I[null, null]");
            assertThat(outcome(mapper, "42"))
                    .containsExactly("MALFORMED_RECORD: not a JSON object or array");
        }

        @Test
        void aRowPathThatFlattensAnotherArrayThanAMappingIsAnError() {
            RecordFormatException error =
                    catchThrowableOfType(
                            RecordFormatException.class,
                            () -> mapper("T DOUBLE", json("$.a[0:]", "T", "$.b[0:].t")));
            assertThat(error.columnName()).contains("T");
            assertThat(error.getMessage())
                    .isEqualTo(
                            "column T: Mapping \"$.b[0:].t\" flattens the array $.b[0:] into rows,"
                                    + " but RecordRowPath \"$.a[0:]\" flattens $.a[0:]; only one"
                                    + " array can be flattened in a schema (another array can be"
                                    + " read whole, its path ending in [0:])");
        }

        @Test
        void aMappingForAColumnTheSchemaLacksIsAnError() {
            RecordFormatException error =
                    catchThrowableOfType(
                            RecordFormatException.class,
                            () -> mapper("T DOUBLE", json("$", "TEMP", "$.t")));
            assertThat(error.columnName()).contains("TEMP");
            assertThat(error.getMessage())
                    .isEqualTo(
                            "column TEMP: a Mapping for a column the schema does not have; its"
                                    + " columns are [T]");
        }
    }

    @Nested
    class RowsAndErrors {

        @Test
        void aRowThatDoesNotFitGoesToTheErrorStreamAndTheOthersGoOn() {
            assertThat(
                            outcome(
                                    "ID INTEGER, TEMP DOUBLE",
                                    json("$", "ID", "$.r[0:].id", "TEMP", "$.r[0:].temp"),
                                    "{\"r\":[{\"id\":1,\"temp\":1.5},{\"id\":2,\"temp\":\"hot\"},"
                                            + "{\"id\":3,\"temp\":3}]}"))
                    .containsExactly(
                            "+I[1, 1.5]",
                            "COERCION_ERROR: row 2 of 3: column TEMP: cannot convert \"hot\" to"
                                    + " DOUBLE",
                            "+I[3, 3.0]");
        }

        @Test
        void aNotNullColumnMissingInOneElement() {
            assertThat(
                            outcome(
                                    "ID INTEGER NOT NULL",
                                    json("$", "ID", "$.r[0:].id"),
                                    "{\"r\":[{\"id\":1},{\"x\":2}]}"))
                    .containsExactly(
                            "+I[1]",
                            "COERCION_ERROR: row 2 of 2: column ID: missing, but the column is NOT"
                                    + " NULL");
        }

        @Test
        void rowtimeIsTheRecordsForEveryRowAndItsErrorIsOneError() {
            RecordMapper mapper =
                    mapper(
                            "ID INTEGER",
                            json("$", "ID", "$.r[0:].id"),
                            RowtimeMode.field("ROWTIME"));
            List<String> rows =
                    outcome(
                            mapper,
                            "{\"r\":[{\"id\":1},{\"id\":2}],\"ROWTIME\":\"2018-08-01 11:00:20\"}");
            // ID, APPROXIMATE_ARRIVAL_TIME (no ARRIVAL field: the ROWTIME), ROWTIME
            assertThat(rows)
                    .containsExactly(
                            "+I[1, 2018-08-01T11:00:20, 2018-08-01T11:00:20]",
                            "+I[2, 2018-08-01T11:00:20, 2018-08-01T11:00:20]");
            assertThat(outcome(mapper, "{\"r\":[{\"id\":1},{\"id\":2}]}"))
                    .containsExactly("COERCION_ERROR: ROWTIME field ROWTIME: missing");
        }

        @Test
        void recordsThatAreNoJson() {
            RecordMapper mapper = mapper("ID INTEGER", json("$", "ID", "$.r[0:].id"));
            assertThat(outcome(mapper, "")).containsExactly("MALFORMED_RECORD: empty record");
            assertThat(outcome(mapper, "[1]"))
                    .containsExactly("MALFORMED_RECORD: not a JSON object");
            assertThat(outcome(mapper, "{\"r\":[{\"id\":1}"))
                    .singleElement()
                    .asString()
                    .startsWith("MALFORMED_RECORD: not JSON: Unexpected end-of-input");
            assertThat(outcome(mapper, "{\"r\":[]} {}"))
                    .containsExactly("MALFORMED_RECORD: more than one JSON value in the record");
        }

        @Test
        void theWholeRecordAndNestedObjectsAsText() {
            assertThat(
                            outcome(
                                    "WHOLE VARCHAR(64), ADDRESS VARCHAR(64)",
                                    json("$", "WHOLE", "$", "ADDRESS", "$.a"),
                                    "{\"a\": {\"b\": [1, 2]}, \"c\": true}"))
                    .containsExactly("+I[{\"a\": {\"b\": [1, 2]}, \"c\": true}, {\"b\": [1, 2]}]");
        }

        @Test
        void indexesAndBracketedNames() {
            RecordMapper mapper =
                    mapper(
                            "FIRST DOUBLE, EACH DOUBLE, DOTTED VARCHAR(4)",
                            json(
                                    "$",
                                    "FIRST",
                                    "$.r[0].t",
                                    "EACH",
                                    "$.r[0:].t",
                                    "DOTTED",
                                    "$['a.b']"));
            assertThat(outcome(mapper, "{\"a.b\":\"x\",\"r\":[{\"t\":1},{\"t\":2}]}"))
                    .containsExactly("+I[1.0, 1.0, x]", "+I[1.0, 2.0, x]");
        }

        @Test
        void theDefaultIsJsonLines() {
            RecordMapper mapper =
                    mapper("TICKER VARCHAR(4), PRICE DOUBLE", RecordFormat.jsonLines());
            assertThat(outcome(mapper, "{\"ticker\":\"AMZN\",\"PRICE\":1,\"other\":[1]}"))
                    .containsExactly("+I[AMZN, 1.0]");
            assertThat(mapper.format()).isEqualTo(json("$"));
        }
    }

    @Nested
    class HostileRecords {

        @Test
        void deepNestingIsAMalformedRecord() {
            String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
            assertThat(outcome("A VARCHAR(8)", json("$", "A", "$.a[0:].b"), deep))
                    .singleElement()
                    .asString()
                    .startsWith(
                            "MALFORMED_RECORD: not JSON: Document nesting depth (1001) exceeds");
        }

        @Test
        void deepNestingUnderAPathIsReadWithoutRecursionBeyondThePath() {
            String deep =
                    "{\"a\":{\"b\":" + "{\"x\":".repeat(900) + "1" + "}".repeat(900) + "},\"c\":2}";
            assertThat(
                            outcome(
                                    "B VARCHAR(4), C INTEGER",
                                    json("$", "B", "$.a.b", "C", "$.c"),
                                    deep))
                    .containsExactly("+I[{\"x\", 2]");
        }

        @Test
        void aHugeArrayGivesARowPerElement() {
            int n = 200_000;
            StringBuilder record = new StringBuilder("{\"k\":\"x\",\"r\":[");
            for (int i = 0; i < n; i++) {
                record.append(i == 0 ? "" : ",").append("{\"v\":").append(i).append('}');
            }
            record.append("]}");
            RecordMapper mapper = mapper("K VARCHAR(1), V INTEGER", json("$.r[0:]", "K", "$.k"));
            List<Row> rows = assertRows(mapper, record.toString());
            assertThat(rows).hasSize(n);
            assertThat(rows.get(0).getField(1)).isEqualTo(0);
            assertThat(rows.get(n - 1)).isEqualTo(Row.of("x", n - 1));
            // the same mapper again: buffers reused, nothing left over
            assertThat(outcome(mapper, "{\"k\":\"y\",\"r\":[{\"v\":7}]}"))
                    .containsExactly("+I[y, 7]");
        }

        @Test
        void keysTwiceTheLastCounts() {
            assertThat(
                            outcome(
                                    "V INTEGER",
                                    json("$", "V", "$.r[0:].v"),
                                    "{\"r\":[{\"v\":1},{\"v\":2}],\"r\":[{\"v\":3}]}"))
                    .containsExactly("+I[3]");
        }

        private static List<Row> assertRows(RecordMapper mapper, String record) {
            try {
                return mapper.rows(record);
            } catch (MalformedRecordException e) {
                throw new AssertionError(e.getMessage());
            }
        }
    }

    @Test
    void rowsOfAReferenceTable() throws Exception {
        RecordMapper mapper =
                RecordMapper.of(
                        KdaSchema.parse("TICKER VARCHAR(4), PRICE DECIMAL(6,2), AT TIMESTAMP"),
                        json("$[0:]", "PRICE", "$[0:].p"));
        assertThat(
                        mapper.rows(
                                "[{\"ticker\":\"AMZN\",\"p\":840.5,\"at\":\"2018-08-01 11:00:20\"}]"))
                .containsExactly(
                        Row.of(
                                "AMZN",
                                new BigDecimal("840.50"),
                                LocalDateTime.of(2018, 8, 1, 11, 0, 20)));
        assertThat(mapper.rowType().getFieldNames()).containsExactly("TICKER", "PRICE", "AT");
        assertThatThrownBy(() -> mapper.rows("[{\"p\":\"x\"}]"))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessage("column PRICE: cannot convert \"x\" to DECIMAL(6,2)");
        assertThat(mapper.format())
                .isEqualTo(
                        RecordFormat.json(
                                JsonPath.parse("$[0:]"),
                                Map.of("PRICE", JsonPath.parse("$[0:].p"))));
    }
}
