package dev.flinkkda.kda.module;

import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.ValidationException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Bad arguments to the module's functions fail planning with a {@link ValidationException} whose
 * innermost message (the one the SQL client shows after "Reason:") names the function and the
 * argument. Planning only: no job runs.
 */
class BadArgumentsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                // a log parser's pattern decides its columns: it must be a constant
                "SELECT REGEX_LOG_PARSE(s, s) FROM (VALUES ('a')) AS v(s)"
                        + "|REGEX_LOG_PARSE: argument 2 must be a literal",
                "SELECT KDA_W3C_LOG_PARSE('x', f) FROM (VALUES ('COMMON')) AS v(f)"
                        + "|W3C_LOG_PARSE: argument 2 must be a literal",
                "SELECT VARIABLE_COLUMN_LOG_PARSE('a,b', 2, 1.5e0)"
                        + "|VARIABLE_COLUMN_LOG_PARSE: argument 3 must be a string or a number",
                "SELECT REGEX_LOG_PARSE('a', '(unclosed')|REGEX_LOG_PARSE, argument 2",
                "SELECT REGEX_LOG_PARSE(1, 'a')|REGEX_LOG_PARSE: argument 1 must be a string",
                // wrong types
                "SELECT TSDIFF(1, TIMESTAMP '2024-01-01 00:00:00')"
                        + "|TSDIFF: argument 1 (first) must be TIMESTAMP(3), not INT NOT NULL",
                "SELECT KDA_TSDIFF(TIMESTAMP '2024-01-01 00:00:00', 'x')"
                        + "|KDA_TSDIFF: argument 2 (second) must be TIMESTAMP(3), not CHAR(1)",
                "SELECT STEP(TIMESTAMP '2024-01-01 00:00:00', 'x')"
                        + "|STEP: argument 2 (step) must be a day-time INTERVAL",
                "SELECT STEP('x', 5)|STEP: argument 1 must be a TIMESTAMP or an integer",
                "SELECT STEP(TIMESTAMP '2024-01-01 00:00:00', INTERVAL '1' MONTH)"
                        + "|STEP: argument 2 (step) must be a day-time INTERVAL",
                "SELECT REGEX_REPLACE('a', 'b', 'c', 'x', 0)"
                        + "|REGEX_REPLACE: argument 4 (startPosition) must be INT, not CHAR(1)",
                "SELECT CHAR_TO_TIMESTAMP(1, '2024')"
                        + "|CHAR_TO_TIMESTAMP: argument 1 (pattern) must be STRING, not INT",
                "SELECT TIMESTAMP_TO_CHAR('yyyy', 'x')"
                        + "|TIMESTAMP_TO_CHAR: argument 2 (ts) must be TIMESTAMP(3), not CHAR(1)",
                "SELECT KDA_INITCAP(1)|KDA_INITCAP: argument 1 (s) must be STRING, not INT",
                // wrong counts: Flink's message, with the signature's argument names
                "SELECT KDA_INITCAP('a', 'b')"
                        + "|No match found for function signature KDA_INITCAP(<CHARACTER>,"
                        + " <CHARACTER>)",
                "SELECT TSDIFF(TIMESTAMP '2024-01-01 00:00:00')"
                        + "|No match found for function signature TSDIFF(<TIMESTAMP>)",
                "SELECT SYS_LOG_PARSE('a', 'b')"
                        + "|No match found for function signature SYS_LOG_PARSE(<CHARACTER>,"
                        + " <CHARACTER>)",
            })
    void failsNamingTheFunctionAndArgument(String query, String message) {
        TableEnvironment tables = ModuleSessions.withKdaModule();

        Throwable thrown = catchThrowable(() -> tables.sqlQuery(query));

        assertThat(thrown).isInstanceOf(ValidationException.class);
        assertThat(ModuleSessions.rootCause(thrown).getMessage()).contains(message);
    }
}
