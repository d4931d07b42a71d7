package dev.flinkkda.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The input and output JSON of {@link StaggerKinesisJob}. */
class TickerJsonTest {

    // 2018-08-01T11:00:20Z and 2018-08-01T11:00:10Z in epoch milliseconds, worked out by hand:
    // 17744 days * 86400000 + 11 h * 3600000 + 20 s * 1000.
    private static final long ROWTIME_11_00_20 = 1_533_121_220_000L;
    private static final long EVENT_11_00_10 = 1_533_121_210_000L;

    @Test
    void parsesIsoLocalTimesAsUtc() {
        assertThat(
                        TickerJson.parse(
                                "{\"TICKER\":\"AMZN\",\"EVENT_TIME\":\"2018-08-01T11:00:10\","
                                        + "\"ROWTIME\":\"2018-08-01T11:00:20\"}"))
                .isEqualTo(new TickerEvent("AMZN", EVENT_11_00_10, ROWTIME_11_00_20));
    }

    @Test
    void parsesKdaMicrosecondsOffsetsAndEpochMillis() {
        assertThat(
                        TickerJson.parse(
                                "{\"TICKER\":\"AMZN\",\"EVENT_TIME\":\"2018-08-01T11:00:10.797945\","
                                        + "\"ROWTIME\":\"2018-08-01T13:00:20+02:00\"}"))
                .isEqualTo(new TickerEvent("AMZN", EVENT_11_00_10 + 797, ROWTIME_11_00_20));
        assertThat(
                        TickerJson.parse(
                                "{\"TICKER\":\"AMZN\",\"EVENT_TIME\":1533121210000,"
                                        + "\"ROWTIME\":\"2018-08-01T11:00:20Z\"}"))
                .isEqualTo(new TickerEvent("AMZN", EVENT_11_00_10, ROWTIME_11_00_20));
    }

    @Test
    void rejectsRecordsWithoutTickerOrTimes() {
        assertThatThrownBy(() -> TickerJson.parse("not json"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TickerJson.parse("{\"EVENT_TIME\":1,\"ROWTIME\":2}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TickerJson.parse("{\"TICKER\":\"AMZN\",\"EVENT_TIME\":1}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                TickerJson.parse(
                                        "{\"TICKER\":\"AMZN\",\"EVENT_TIME\":1,\"ROWTIME\":\"11:00\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysByTickerAndEventMinute() {
        assertThat(TickerMinute.of(new TickerEvent("AMZN", EVENT_11_00_10 + 797, 0)))
                .isEqualTo(new TickerMinute("AMZN", EVENT_11_00_10 - 10_000));
    }

    @Test
    void writesOneRecordPerWindow() {
        assertThat(
                        TickerJson.windowCount(
                                new TickerMinute("AMZN", EVENT_11_00_10 - 10_000),
                                ROWTIME_11_00_20,
                                ROWTIME_11_00_20 + 60_000,
                                3))
                .isEqualTo(
                        "{\"TICKER\":\"AMZN\",\"EVENT_TIME\":\"2018-08-01T11:00:00.000\","
                                + "\"WINDOW_START\":\"2018-08-01T11:00:20.000\","
                                + "\"WINDOW_END\":\"2018-08-01T11:01:20.000\",\"TICKER_COUNT\":3}");
    }
}
