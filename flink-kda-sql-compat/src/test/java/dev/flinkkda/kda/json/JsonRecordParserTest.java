package dev.flinkkda.kda.json;

import dev.flinkkda.kda.errorstream.ErrorName;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** KDA's JSON-to-SQL coercion, rule by rule, and the reasons of malformed records. */
class JsonRecordParserTest {

    /** The value of column {@code V} of type {@code type} read from {@code {"V": json}}. */
    private static Object value(String type, String json) throws MalformedRecordException {
        return parser("V " + type).parse("{\"V\":" + json + "}").getField(0);
    }

    private static JsonRecordParser parser(String schema) {
        return new JsonRecordParser(KdaSchema.parse(schema), RowtimeMode.processing());
    }

    /** The reason a record is malformed. */
    private static String reason(String schema, String record) {
        try {
            Row row = parser(schema).parse(record);
            throw new AssertionError("expected a malformed record, got " + row);
        } catch (MalformedRecordException e) {
            return e.getMessage();
        }
    }

    /** The reason a value of column {@code V} of type {@code type} is malformed. */
    private static String valueReason(String type, String json) {
        return reason("V " + type, "{\"V\":" + json + "}");
    }

    @Nested
    class Nulls {
        @Test
        void jsonNullIsSqlNullForEveryType() throws Exception {
            for (String type :
                    new String[] {
                        "VARCHAR(4)",
                        "INTEGER",
                        "DOUBLE",
                        "DECIMAL(5,2)",
                        "BOOLEAN",
                        "TIMESTAMP",
                        "DATE",
                        "TIME",
                        "VARBINARY(4)"
                    }) {
                assertThat(value(type, "null")).as(type).isNull();
            }
        }

        @Test
        void aMissingFieldIsNull() throws Exception {
            Row row = parser("A INTEGER, B VARCHAR(8)").parse("{\"A\":1}");
            assertThat(row).isEqualTo(Row.of(1, null));
        }

        @Test
        void aNotNullColumnRejectsNullAndMissing() {
            assertThat(reason("A INTEGER NOT NULL", "{\"A\":null}"))
                    .isEqualTo("column A: null, but the column is NOT NULL");
            assertThat(reason("A INTEGER NOT NULL", "{}"))
                    .isEqualTo("column A: missing, but the column is NOT NULL");
        }
    }

    @Nested
    class Numbers {
        @Test
        void integerTypesTakeJsonNumbersAndNumericStrings() throws Exception {
            assertThat(value("INTEGER", "42")).isEqualTo(42);
            assertThat(value("INTEGER", "\"42\"")).isEqualTo(42);
            assertThat(value("INTEGER", "\" -42 \"")).isEqualTo(-42);
            assertThat(value("BIGINT", "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
            assertThat(value("SMALLINT", "-32768")).isEqualTo((short) -32768);
            assertThat(value("TINYINT", "127")).isEqualTo((byte) 127);
            assertThat(value("INTEGER", "3.0")).isEqualTo(3);
            assertThat(value("INTEGER", "1e3")).isEqualTo(1000);
        }

        @Test
        void trueAndFalseAreOneAndZero() throws Exception {
            assertThat(value("INTEGER", "true")).isEqualTo(1);
            assertThat(value("BIGINT", "false")).isEqualTo(0L);
            assertThat(value("DOUBLE", "true")).isEqualTo(1.0);
            assertThat(value("DECIMAL(3,1)", "true")).isEqualTo(new BigDecimal("1.0"));
        }

        @Test
        void valuesOutOfRangeOrNotWholeOrNotNumbersAreErrors() {
            assertThat(valueReason("TINYINT", "300"))
                    .isEqualTo("column V: cannot convert 300 to TINYINT: out of range");
            assertThat(valueReason("INTEGER", "2147483648"))
                    .isEqualTo("column V: cannot convert 2147483648 to INTEGER: out of range");
            assertThat(valueReason("BIGINT", "9223372036854775808"))
                    .isEqualTo(
                            "column V: cannot convert 9223372036854775808 to BIGINT: out of range");
            assertThat(valueReason("INTEGER", "3.5"))
                    .isEqualTo("column V: cannot convert 3.5 to INTEGER: not a whole number");
            assertThat(valueReason("INTEGER", "\"abc\""))
                    .isEqualTo("column V: cannot convert \"abc\" to INTEGER");
            assertThat(valueReason("INTEGER", "\"\""))
                    .isEqualTo("column V: cannot convert \"\" to INTEGER");
            assertThat(valueReason("INTEGER", "{\"a\":1}"))
                    .isEqualTo("column V: cannot convert {\"a\":1} to INTEGER");
            assertThat(valueReason("INTEGER", "[1, 2]"))
                    .isEqualTo("column V: cannot convert [1, 2] to INTEGER");
        }

        @Test
        void floatingPointTypes() throws Exception {
            assertThat(value("DOUBLE", "840.5")).isEqualTo(840.5);
            assertThat(value("DOUBLE", "\"840.5\"")).isEqualTo(840.5);
            assertThat(value("DOUBLE", "7")).isEqualTo(7.0);
            assertThat(value("DOUBLE", "-1.5E-3")).isEqualTo(-0.0015);
            assertThat(value("FLOAT", "0.1")).isEqualTo(0.1); // KDA's FLOAT is 64 bits
            assertThat(value("REAL", "0.1")).isEqualTo(0.1f);
            assertThat(valueReason("DOUBLE", "\"abc\""))
                    .isEqualTo("column V: cannot convert \"abc\" to DOUBLE");
            assertThat(valueReason("DOUBLE", "\"NaN\""))
                    .isEqualTo("column V: cannot convert \"NaN\" to DOUBLE");
            assertThat(valueReason("DOUBLE", "1e400"))
                    .isEqualTo("column V: cannot convert 1e400 to DOUBLE: out of range");
            assertThat(valueReason("REAL", "1e39"))
                    .isEqualTo("column V: cannot convert 1e39 to REAL: out of range");
        }

        @Test
        void decimalsRoundHalfUpToTheirScaleAndRejectTooManyDigits() throws Exception {
            assertThat(value("DECIMAL(5,2)", "123.456")).isEqualTo(new BigDecimal("123.46"));
            assertThat(value("DECIMAL(5,2)", "\"-0.005\"")).isEqualTo(new BigDecimal("-0.01"));
            assertThat(value("DECIMAL(5,2)", "7")).isEqualTo(new BigDecimal("7.00"));
            assertThat(value("DECIMAL", "1234567890123456789.4"))
                    .isEqualTo(new BigDecimal("1234567890123456789"));
            assertThat(valueReason("DECIMAL(5,2)", "1234.5"))
                    .isEqualTo("column V: cannot convert 1234.5 to DECIMAL(5,2): out of range");
            assertThat(valueReason("DECIMAL", "12345678901234567890"))
                    .isEqualTo(
                            "column V: cannot convert 12345678901234567890 to DECIMAL: out of"
                                    + " range");
        }
    }

    /** Values a hostile producer sends: each is a malformed record, none fails the job. */
    @Nested
    class HostileNumbers {
        @Test
        void digitsOfOtherScriptsAreNoNumbers() {
            // Arabic-Indic 123: BigDecimal reads it, Double.parseDouble does not
            assertThat(valueReason("DOUBLE", "\"\u0661\u0662\u0663\""))
                    .isEqualTo("column V: cannot convert \"\u0661\u0662\u0663\" to DOUBLE");
            assertThat(valueReason("INTEGER", "\"\u0661\""))
                    .isEqualTo("column V: cannot convert \"\u0661\" to INTEGER");
            assertThat(valueReason("DECIMAL(5,2)", "\"\uff11\"")) // fullwidth 1
                    .startsWith("column V: cannot convert");
        }

        @Test
        void exponentsBeyondAnIntAreErrors() {
            for (String type : List.of("INTEGER", "BIGINT", "DECIMAL(10,2)", "DOUBLE", "REAL")) {
                assertThat(valueReason(type, "1e9999999999"))
                        .as(type)
                        .startsWith("column V: cannot convert 1e9999999999 to " + type);
                assertThat(valueReason(type, "\"1e9999999999\""))
                        .as(type)
                        .startsWith("column V: cannot convert \"1e9999999999\" to " + type);
            }
        }

        /**
         * DATE and TIMESTAMP hold the years 0000 to 9999: 253402300800000 ms is 10000-01-01, and
         * 9e18 ms (year 285 million) overflowed Flink's conversion into a wrong year.
         */
        @Test
        void datetimesBeyondTheYear9999AreErrors() throws Exception {
            assertThat(value("TIMESTAMP", "253402300799999"))
                    .isEqualTo(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000));
            for (String tooFar :
                    List.of(
                            "253402300800000",
                            "9000000000000000000",
                            "-62167219200001",
                            "\"9999-12-31 23:30:00-01:00\"")) {
                assertThat(valueReason("TIMESTAMP", tooFar))
                        .isEqualTo(
                                "column V: cannot convert "
                                        + tooFar
                                        + " to TIMESTAMP: beyond the years 0000 to 9999");
            }
            assertThat(value("DATE", "\"0000-01-01\"")).isEqualTo(LocalDate.of(0, 1, 1));
            assertThat(valueReason("DATE", "\"+10000-01-01\""))
                    .isEqualTo(
                            "column V: cannot convert \"+10000-01-01\" to DATE: beyond the"
                                    + " years 0000 to 9999");
        }

        @Test
        void hugeAndTinyMagnitudesAreDecidedWithoutExpandingThem() throws Exception {
            assertThat(valueReason("DECIMAL(10,2)", "1e999999999"))
                    .isEqualTo(
                            "column V: cannot convert 1e999999999 to DECIMAL(10,2): out of range");
            assertThat(value("DECIMAL(10,2)", "1e-999999999")).isEqualTo(new BigDecimal("0.00"));
            assertThat(value("DECIMAL(10,2)", "-4e-3")).isEqualTo(new BigDecimal("0.00"));
            assertThat(value("DECIMAL(10,2)", "5e-3")).isEqualTo(new BigDecimal("0.01"));
            assertThat(valueReason("BIGINT", "1e999999999"))
                    .isEqualTo("column V: cannot convert 1e999999999 to BIGINT: out of range");
            assertThat(value("DOUBLE", "1e-999999999")).isEqualTo(0.0);
        }

        @Test
        void theErrorNameOfABadValueIsCoercionAndOfABadRecordMalformed() {
            try {
                parser("V INTEGER").parse("{\"V\": \"x\"}");
                throw new AssertionError("expected a malformed record");
            } catch (MalformedRecordException e) {
                assertThat(e.errorName()).isEqualTo(ErrorName.COERCION_ERROR);
            }
            try {
                parser("V INTEGER").parse("{\"V\": 1");
                throw new AssertionError("expected a malformed record");
            } catch (MalformedRecordException e) {
                assertThat(e.errorName()).isEqualTo(ErrorName.MALFORMED_RECORD);
            }
        }
    }

    @Nested
    class Text {
        @Test
        void stringsAreTakenAsTheyAre() throws Exception {
            assertThat(value("VARCHAR(8)", "\"AMZN\"")).isEqualTo("AMZN");
            assertThat(value("VARCHAR(8)", "\"a\\\"b\\u00e9\"")).isEqualTo("a\"bé");
            assertThat(value("CHAR(8)", "\"AMZN\"")).isEqualTo("AMZN"); // not padded
        }

        @Test
        void longerStringsAreTruncatedSilently() throws Exception {
            assertThat(value("VARCHAR(4)", "\"AMAZON\"")).isEqualTo("AMAZ");
            assertThat(value("CHAR(2)", "\"AMAZON\"")).isEqualTo("AM");
            // characters, not UTF-16 units: the emoji is one character
            assertThat(value("VARCHAR(2)", "\"\uD83D\uDE00ab\"")).isEqualTo("\uD83D\uDE00a");
        }

        @Test
        void numbersBecomeTheirTextAsWritten() throws Exception {
            assertThat(value("VARCHAR(10)", "42")).isEqualTo("42");
            assertThat(value("VARCHAR(10)", "12.50")).isEqualTo("12.50");
            assertThat(value("VARCHAR(10)", "1e3")).isEqualTo("1e3");
            assertThat(value("VARCHAR(3)", "12345")).isEqualTo("123");
        }

        @Test
        void booleansBecomeTrueAndFalse() throws Exception {
            assertThat(value("VARCHAR(10)", "true")).isEqualTo("true");
            assertThat(value("VARCHAR(10)", "false")).isEqualTo("false");
        }

        @Test
        void objectsAndArraysBecomeTheirJsonText() throws Exception {
            assertThat(value("VARCHAR(40)", "{\"a\": [1, {\"b\": null}]}"))
                    .isEqualTo("{\"a\": [1, {\"b\": null}]}");
            assertThat(value("VARCHAR(40)", "[1,2]")).isEqualTo("[1,2]");
        }
    }

    @Nested
    class Booleans {
        @Test
        void booleansFromJsonBooleansWordsAndZeroOrOne() throws Exception {
            assertThat(value("BOOLEAN", "true")).isEqualTo(true);
            assertThat(value("BOOLEAN", "false")).isEqualTo(false);
            assertThat(value("BOOLEAN", "\"TRUE\"")).isEqualTo(true);
            assertThat(value("BOOLEAN", "\"false\"")).isEqualTo(false);
            assertThat(value("BOOLEAN", "1")).isEqualTo(true);
            assertThat(value("BOOLEAN", "0")).isEqualTo(false);
            assertThat(valueReason("BOOLEAN", "2"))
                    .isEqualTo("column V: cannot convert 2 to BOOLEAN: only 0 and 1 are booleans");
            assertThat(valueReason("BOOLEAN", "\"yes\""))
                    .isEqualTo("column V: cannot convert \"yes\" to BOOLEAN");
        }
    }

    @Nested
    class Times {
        @Test
        void timestampsInKdasForms() throws Exception {
            LocalDateTime expected = LocalDateTime.of(2018, 8, 1, 11, 0, 20);
            assertThat(value("TIMESTAMP", "\"2018-08-01T11:00:20\"")).isEqualTo(expected);
            assertThat(value("TIMESTAMP", "\"2018-08-01 11:00:20\"")).isEqualTo(expected);
            assertThat(value("TIMESTAMP", "\"1992-02-14 18:35:44.0\""))
                    .isEqualTo(LocalDateTime.of(1992, 2, 14, 18, 35, 44));
            assertThat(value("TIMESTAMP", "\"1992-02-14\""))
                    .isEqualTo(LocalDateTime.of(1992, 2, 14, 0, 0));
            assertThat(value("TIMESTAMP", "\"2018-08-01 11:00\""))
                    .isEqualTo(LocalDateTime.of(2018, 8, 1, 11, 0));
        }

        @Test
        void fractionsAreCutToTheColumnsPrecision() throws Exception {
            assertThat(value("TIMESTAMP", "\"2018-08-01T20:17:20.797945\""))
                    .isEqualTo(LocalDateTime.of(2018, 8, 1, 20, 17, 20, 797_000_000));
            assertThat(value("TIMESTAMP(6)", "\"2018-08-01T20:17:20.797945\""))
                    .isEqualTo(LocalDateTime.of(2018, 8, 1, 20, 17, 20, 797_945_000));
            assertThat(value("TIMESTAMP(0)", "\"2018-08-01 20:17:20.9\""))
                    .isEqualTo(LocalDateTime.of(2018, 8, 1, 20, 17, 20));
        }

        @Test
        void offsetsAreConvertedToUtcAndWholeNumbersAreEpochMilliseconds() throws Exception {
            assertThat(value("TIMESTAMP", "\"2018-08-01T13:00:20+02:00\""))
                    .isEqualTo(LocalDateTime.of(2018, 8, 1, 11, 0, 20));
            assertThat(value("TIMESTAMP", "\"2018-08-01T11:00:20Z\""))
                    .isEqualTo(LocalDateTime.of(2018, 8, 1, 11, 0, 20));
            assertThat(value("TIMESTAMP", "1533121220123"))
                    .isEqualTo(LocalDateTime.of(2018, 8, 1, 11, 0, 20, 123_000_000));
        }

        @Test
        void otherTimestampTextsAreErrors() {
            assertThat(valueReason("TIMESTAMP", "\"2018-13-01 00:00:00\""))
                    .isEqualTo("column V: cannot convert \"2018-13-01 00:00:00\" to TIMESTAMP");
            assertThat(valueReason("TIMESTAMP", "\"2018-02-30\""))
                    .isEqualTo("column V: cannot convert \"2018-02-30\" to TIMESTAMP");
            assertThat(valueReason("TIMESTAMP", "\"yesterday\""))
                    .isEqualTo("column V: cannot convert \"yesterday\" to TIMESTAMP");
            assertThat(valueReason("TIMESTAMP", "1.5"))
                    .isEqualTo("column V: cannot convert 1.5 to TIMESTAMP");
        }

        @Test
        void datesAndTimes() throws Exception {
            assertThat(value("DATE", "\"1992-02-14\"")).isEqualTo(LocalDate.of(1992, 2, 14));
            assertThat(value("TIME", "\"18:35:44\"")).isEqualTo(LocalTime.of(18, 35, 44));
            assertThat(value("TIME", "\"18:35:44.123\"")).isEqualTo(LocalTime.of(18, 35, 44));
            assertThat(value("TIME(3)", "\"18:35:44.1239\""))
                    .isEqualTo(LocalTime.of(18, 35, 44, 123_000_000));
            assertThat(valueReason("DATE", "\"14/02/1992\""))
                    .isEqualTo("column V: cannot convert \"14/02/1992\" to DATE");
            assertThat(valueReason("TIME", "\"25:00:00\""))
                    .isEqualTo("column V: cannot convert \"25:00:00\" to TIME");
        }
    }

    @Nested
    class Binary {
        @Test
        void hexadecimalStrings() throws Exception {
            assertThat((byte[]) value("VARBINARY(4)", "\"00ff10\""))
                    .containsExactly(0x00, 0xff, 0x10);
            assertThat((byte[]) value("VARBINARY(2)", "\"00ff10\"")).containsExactly(0x00, 0xff);
            assertThat(valueReason("VARBINARY(4)", "\"0g\""))
                    .isEqualTo(
                            "column V: cannot convert \"0g\" to VARBINARY(4): expected hexadecimal"
                                    + " digits, two per byte");
        }
    }

    @Nested
    class Keys {
        @Test
        void anEqualKeyWinsOverKeysThatDifferInCase() throws Exception {
            JsonRecordParser parser = parser("PRICE DOUBLE");
            assertThat(parser.parse("{\"price\":1,\"PRICE\":2}")).isEqualTo(Row.of(2.0));
            assertThat(parser.parse("{\"PRICE\":2,\"price\":1}")).isEqualTo(Row.of(2.0));
        }

        @Test
        void otherwiseAKeyThatDiffersInCaseIsTaken() throws Exception {
            assertThat(
                            parser("PRICE DOUBLE, \"Ticker\" VARCHAR(4)")
                                    .parse("{\"Price\":1.5,\"TICKER\":\"AMZN\",\"other\":[1,{}]}"))
                    .isEqualTo(Row.of(1.5, "AMZN"));
        }

        @Test
        void twoKeysThatDifferInCaseOnlyAreAmbiguous() {
            assertThat(reason("PRICE DOUBLE", "{\"price\":1,\"Price\":2}"))
                    .isEqualTo(
                            "column PRICE: the keys \"price\" and \"Price\" both match it ignoring"
                                    + " case, and none exactly");
        }
    }

    @Nested
    class Records {
        @Test
        void aRecordMustBeOneJsonObject() {
            assertThat(reason("A INTEGER", "[1]")).isEqualTo("not a JSON object");
            assertThat(reason("A INTEGER", "42")).isEqualTo("not a JSON object");
            assertThat(reason("A INTEGER", "")).isEqualTo("empty record");
            assertThat(reason("A INTEGER", "{\"A\":1} {\"A\":2}"))
                    .isEqualTo("more than one JSON value in the record");
            assertThat(reason("A INTEGER", "{\"A\":1"))
                    .startsWith("not JSON: Unexpected end-of-input");
            assertThat(reason("A INTEGER", "{A:1}"))
                    .startsWith("not JSON: Unexpected character ('A' (code 65))");
        }

        @Test
        void theParserIsReusableAfterAMalformedRecord() throws Exception {
            JsonRecordParser parser = parser("A INTEGER, B VARCHAR(4)");
            assertThat(parser.parse("{\"A\":1,\"B\":\"x\"}")).isEqualTo(Row.of(1, "x"));
            assertThatThrownBy(() -> parser.parse("{\"A\":\"x\"}"))
                    .isInstanceOf(MalformedRecordException.class);
            assertThat(parser.parse("{\"B\":\"y\"}")).isEqualTo(Row.of(null, "y"));
        }
    }

    @Nested
    class Rowtime {
        private final KdaSchema schema = KdaSchema.parse("TICKER VARCHAR(4), EVENT_TIME TIMESTAMP");

        @Test
        void fromAFieldThatIsNoColumn() throws Exception {
            JsonRecordParser parser = new JsonRecordParser(schema, RowtimeMode.field("ROWTIME"));
            assertThat(
                            parser.parse(
                                    "{\"rowtime\":\"2018-08-01T11:00:20\",\"TICKER\":\"AMZN\","
                                            + "\"EVENT_TIME\":\"2018-08-01T11:00:10\"}"))
                    .isEqualTo(
                            Row.of(
                                    "AMZN",
                                    LocalDateTime.of(2018, 8, 1, 11, 0, 10),
                                    LocalDateTime.of(2018, 8, 1, 11, 0, 20)));
            assertThat(parser.rowType().getFieldNames())
                    .containsExactly("TICKER", "EVENT_TIME", "ROWTIME");
        }

        @Test
        void fromAFieldThatIsAlsoAColumn() throws Exception {
            JsonRecordParser exact = new JsonRecordParser(schema, RowtimeMode.field("EVENT_TIME"));
            JsonRecordParser ignoringCase =
                    new JsonRecordParser(schema, RowtimeMode.field("event_time"));
            String record = "{\"TICKER\":\"AMZN\",\"EVENT_TIME\":\"2018-08-01T11:00:10.5\"}";
            LocalDateTime eventTime = LocalDateTime.of(2018, 8, 1, 11, 0, 10, 500_000_000);
            assertThat(exact.parse(record)).isEqualTo(Row.of("AMZN", eventTime, eventTime));
            assertThat(ignoringCase.parse(record)).isEqualTo(Row.of("AMZN", eventTime, eventTime));
        }

        @Test
        void aMissingOrUnreadableRowtimeFieldMakesTheRecordMalformed() {
            JsonRecordParser parser = new JsonRecordParser(schema, RowtimeMode.field("ROWTIME"));
            assertThatThrownBy(() -> parser.parse("{\"TICKER\":\"AMZN\"}"))
                    .hasMessage("ROWTIME field ROWTIME: missing");
            assertThatThrownBy(() -> parser.parse("{\"ROWTIME\":null}"))
                    .hasMessage("ROWTIME field ROWTIME: null");
            assertThatThrownBy(() -> parser.parse("{\"ROWTIME\":\"soon\"}"))
                    .hasMessage("ROWTIME field ROWTIME: cannot convert \"soon\" to TIMESTAMP");
        }

        @Test
        void theArrivalTime() throws Exception {
            JsonRecordParser parser = new JsonRecordParser(schema, RowtimeMode.arrival());
            assertThat(parser.parse("{\"TICKER\":\"AMZN\"}", 1533121220123L))
                    .isEqualTo(
                            Row.of(
                                    "AMZN",
                                    null,
                                    LocalDateTime.of(2018, 8, 1, 11, 0, 20, 123_000_000)));
            assertThatThrownBy(() -> parser.parse("{\"TICKER\":\"AMZN\"}"))
                    .hasMessage("ROWTIME: the record has no arrival time");
        }

        @Test
        void processingTimeAddsNoField() throws Exception {
            JsonRecordParser parser = new JsonRecordParser(schema, RowtimeMode.processing());
            assertThat(parser.parse("{\"TICKER\":\"AMZN\",\"ROWTIME\":\"x\"}").getArity())
                    .isEqualTo(2);
        }
    }
}
