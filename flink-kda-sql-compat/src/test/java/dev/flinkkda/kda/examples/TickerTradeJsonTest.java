package dev.flinkkda.kda.examples;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The input, output and error JSON of the KDA stagger example. */
class TickerTradeJsonTest {

    // 2018-08-01T11:00:20Z and 2018-08-01T11:00:10Z in epoch milliseconds, worked out by hand:
    // 17744 days * 86400000 + 11 h * 3600000 + 20 s * 1000.
    private static final long ROWTIME_11_00_20 = 1_533_121_220_000L;
    private static final long EVENT_11_00_10 = 1_533_121_210_000L;

    @Test
    void parsesIsoLocalTimesAsUtc() {
        assertThat(
                        TickerTradeJson.parse(
                                "{\"TICKER\":\"AMZN\",\"EVENT_TIME\":\"2018-08-01T11:00:10\","
                                        + "\"ROWTIME\":\"2018-08-01T11:00:20\"}"))
                .isEqualTo(new TickerTrade(ROWTIME_11_00_20, EVENT_11_00_10, "AMZN"));
    }

    @Test
    void parsesKdaMicrosecondsOffsetsAndEpochMillis() {
        assertThat(
                        TickerTradeJson.parse(
                                "{\"TICKER\":\"AMZN\",\"EVENT_TIME\":\"2018-08-01T11:00:10.797945\","
                                        + "\"ROWTIME\":\"2018-08-01T13:00:20+02:00\"}"))
                .isEqualTo(new TickerTrade(ROWTIME_11_00_20, EVENT_11_00_10 + 797, "AMZN"));
        assertThat(
                        TickerTradeJson.parse(
                                "{\"TICKER\":\"AMZN\",\"EVENT_TIME\":1533121210000,"
                                        + "\"ROWTIME\":\"2018-08-01T11:00:20Z\"}"))
                .isEqualTo(new TickerTrade(ROWTIME_11_00_20, EVENT_11_00_10, "AMZN"));
    }

    @Test
    void rejectsRecordsNamingTheFieldAndTheProblem() {
        assertThatThrownBy(() -> TickerTradeJson.parse("not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not JSON: ");
        assertThatThrownBy(() -> TickerTradeJson.parse("[1, 2]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> TickerTradeJson.parse("{\"EVENT_TIME\":1,\"ROWTIME\":2}"))
                .hasMessage("field TICKER is missing or not a string");
        assertThatThrownBy(() -> TickerTradeJson.parse("{\"TICKER\":\"AMZN\",\"EVENT_TIME\":1}"))
                .hasMessage("field ROWTIME is missing");
        assertThatThrownBy(
                        () ->
                                TickerTradeJson.parse(
                                        "{\"TICKER\":\"AMZN\",\"EVENT_TIME\":1,\"ROWTIME\":\"11:00\"}"))
                .hasMessage("field ROWTIME is not an ISO-8601 timestamp: '11:00'");
    }

    @Test
    void keysByTickerAndEventMinute() {
        assertThat(TickerMinute.of(new TickerTrade(0, EVENT_11_00_10 + 797, "AMZN")))
                .isEqualTo(new TickerMinute("AMZN", EVENT_11_00_10 - 10_000));
    }

    @Test
    void writesOneRecordPerWindow() {
        assertThat(
                        TickerTradeJson.format(
                                new StaggerCount(
                                        ROWTIME_11_00_20 + 60_000,
                                        ROWTIME_11_00_20,
                                        EVENT_11_00_10 - 10_000,
                                        "AMZN",
                                        3)))
                .isEqualTo(
                        "{\"ROWTIME\":\"2018-08-01T11:01:20.000\","
                                + "\"WINDOW_START\":\"2018-08-01T11:00:20.000\","
                                + "\"EVENT_TIME\":\"2018-08-01T11:00:00.000\","
                                + "\"TICKER\":\"AMZN\",\"TICKER_COUNT\":3}");
    }

    @Test
    void errorRecordKeepsTheRecordAsReceived() {
        assertThat(TickerTradeJson.malformed("{\"TICKER\":1}", "field TICKER is missing"))
                .isEqualTo(
                        "{\"ERROR_NAME\":\"MALFORMED_RECORD\",\"MESSAGE\":\"field TICKER is missing\","
                                + "\"DATA_ROW\":\"{\\\"TICKER\\\":1}\"}");
    }
}
