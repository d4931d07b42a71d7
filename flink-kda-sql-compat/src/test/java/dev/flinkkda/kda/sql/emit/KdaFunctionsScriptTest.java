package dev.flinkkda.kda.sql.emit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A script that calls flink-kda's functions registers them with {@code LOAD MODULE kda} alone:
 * {@code golden/script-functions.sql} over a file, run to its end, the rows worked out by hand.
 */
class KdaFunctionsScriptTest {

    @Test
    void loadModuleKdaMakesTheKdaFunctionsCallable(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("trades.jsonl");
        Files.writeString(
                input,
                String.join(
                                "\n",
                                "{\"ROWTIME\":\"2018-08-01 11:00:05\",\"TICKER_SYMBOL\":\"AMZN\",\"COMPANY\":\"amazon.com inc\",\"EVENT_TIME\":\"2018-08-01 11:00:00\",\"TRADED_AT\":\"01/08/2018 10:59\"}",
                                "{\"ROWTIME\":\"2018-08-01 11:00:06.250\",\"TICKER_SYMBOL\":\"ONL\",\"COMPANY\":\"o'neil LTD\",\"EVENT_TIME\":\"2018-08-01 11:00:07\",\"TRADED_AT\":\"31/07/2018 23:05\"}")
                        + "\n");
        Path out = dir.resolve("out");
        ScriptSettings settings =
                ScriptCases.functionSettings(input.toString(), out.toString(), Optional.empty());
        String script =
                SqlClientScript.render(ScriptCases.plan("script-functions", settings), settings);
        assertThat(script)
                .contains("\nLOAD MODULE kda;\n")
                .doesNotContain("CREATE TEMPORARY SYSTEM FUNCTION");

        LocalScriptRun.run(script);

        // 2018-08-01 is day 17,744 of the epoch (48 years with 12 leap days, then 212 days):
        // 1,533,081,600 s, and 11:00:05 is 39,605 s later. TSDIFF: ROWTIME minus EVENT_TIME.
        // INITCAP: words split at spaces only (SR). CHAR_TO_TIMESTAMP: the format first.
        assertThat(LocalScriptRun.partFileLines(out))
                .containsExactly(
                        "{\"ROWTIME\":\"2018-08-01 11:00:05\",\"TICKER_SYMBOL\":\"AMZN\",\"ROWTIME_MS\":1533121205000,\"LAG_MS\":5000,\"COMPANY\":\"Amazon.com Inc\",\"TRADED\":\"2018-08-01 10:59:00\"}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:06.25\",\"TICKER_SYMBOL\":\"ONL\",\"ROWTIME_MS\":1533121206250,\"LAG_MS\":-750,\"COMPANY\":\"O'neil Ltd\",\"TRADED\":\"2018-07-31 23:05:00\"}");
    }
}
