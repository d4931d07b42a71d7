package dev.flinkkda.kda.kinesis;

import dev.flinkkda.kda.json.JsonRecordParser;
import dev.flinkkda.kda.json.MalformedRecordException;
import dev.flinkkda.kda.json.RawRecord;
import dev.flinkkda.kda.options.ArrivalTimeMode;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Kinesis record's ApproximateArrivalTimestamp becomes its row's {@code APPROXIMATE_ARRIVAL_TIME}
 * (and, by default, its {@code ROWTIME}), without Kinesalite: the deserialization schema and the
 * parser the input's parse function runs.
 */
class KinesisArrivalTimeTest {

    private static final KdaSchema TRADES =
            KdaSchema.parse("TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE");

    // 2018-08-01 11:00:20.123 UTC
    private static final long ARRIVAL = 1533121220123L;

    private static RawRecord record(String json) {
        return new KinesisRecordSchema()
                .deserialize(
                        json.getBytes(StandardCharsets.UTF_8),
                        "key",
                        "49590338271490256608559692538361571095921575989136588898",
                        ARRIVAL,
                        "trades",
                        "shardId-000000000000");
    }

    @Test
    void theDeserializationSchemaKeepsTheArrivalTime() {
        RawRecord raw = record("{\"TICKER_SYMBOL\":\"AMZN\"}");
        assertThat(raw.arrivalTime()).isEqualTo(ARRIVAL);
        assertThat(raw.origin())
                .isEqualTo(
                        "kinesis trades/shardId-000000000000/"
                                + "49590338271490256608559692538361571095921575989136588898");
    }

    @Test
    void theArrivalTimeIsTheColumnAndTheRowtimeByDefault() throws Exception {
        JsonRecordParser parser =
                new JsonRecordParser(TRADES, RowtimeMode.arrival(), ArrivalTimeMode.arrival());
        RawRecord raw =
                record(
                        "{\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":840.5,"
                                + "\"APPROXIMATE_ARRIVAL_TIME\":\"2000-01-01 00:00:00\"}");

        Row row = parser.parse(raw.text(), raw.arrivalTime());

        LocalDateTime arrival = LocalDateTime.parse("2018-08-01T11:00:20.123");
        assertThat(row).isEqualTo(Row.of("AMZN", 840.5, arrival, arrival));
        assertThat(parser.rowType().getFieldNames())
                .containsExactly("TICKER_SYMBOL", "PRICE", "APPROXIMATE_ARRIVAL_TIME", "ROWTIME");
    }

    @Test
    void withRowtimeFromAFieldTheColumnStillIsTheArrivalTime() throws Exception {
        JsonRecordParser parser =
                new JsonRecordParser(
                        TRADES, RowtimeMode.field("EVENT_TIME"), ArrivalTimeMode.arrival());
        RawRecord raw =
                record("{\"TICKER_SYMBOL\":\"AMZN\",\"EVENT_TIME\":\"2018-08-01 10:59:00\"}");

        assertThat(parser.parse(raw.text(), raw.arrivalTime()))
                .isEqualTo(
                        Row.of(
                                "AMZN",
                                null,
                                LocalDateTime.parse("2018-08-01T11:00:20.123"),
                                LocalDateTime.parse("2018-08-01T10:59:00")));
    }

    @Test
    void aRecordWithoutArrivalTimeIsMalformed() {
        JsonRecordParser parser =
                new JsonRecordParser(TRADES, RowtimeMode.processing(), ArrivalTimeMode.arrival());
        assertThatThrownBy(() -> parser.parse("{\"TICKER_SYMBOL\":\"AMZN\"}"))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessage("APPROXIMATE_ARRIVAL_TIME: the record has no arrival time");
    }

    @Test
    void withoutAnArrivalTimeModeRowsHaveNoSuchColumn() throws Exception {
        // reference tables
        JsonRecordParser parser = new JsonRecordParser(TRADES, RowtimeMode.processing());
        assertThat(parser.parse("{\"TICKER_SYMBOL\":\"AMZN\",\"APPROXIMATE_ARRIVAL_TIME\":1}"))
                .isEqualTo(Row.of("AMZN", null));
    }
}
