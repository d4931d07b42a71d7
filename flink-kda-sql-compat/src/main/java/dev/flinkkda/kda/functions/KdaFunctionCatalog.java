package dev.flinkkda.kda.functions;

import org.apache.flink.table.api.TableEnvironment;

/** Registers the {@code KDA_*} functions the translator's Flink SQL calls. */
public final class KdaFunctionCatalog {

    private KdaFunctionCatalog() {}

    public static void register(TableEnvironment tableEnvironment) {
        tableEnvironment.createTemporarySystemFunction("KDA_STEP", KdaStep.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_UNIX_TIMESTAMP", KdaUnixTimestamp.class);
        tableEnvironment.createTemporarySystemFunction("KDA_TSDIFF", KdaTsDiff.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_REGEX_LOG_PARSE", KdaRegexLogParse.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_FAST_REGEX_LOG_PARSER", KdaFastRegexLogParser.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_VARIABLE_COLUMN_LOG_PARSE", KdaVariableColumnLogParse.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_FIXED_COLUMN_LOG_PARSE", KdaFixedColumnLogParse.class);
        tableEnvironment.createTemporarySystemFunction("KDA_W3C_LOG_PARSE", KdaW3cLogParse.class);
        tableEnvironment.createTemporarySystemFunction("KDA_SYS_LOG_PARSE", KdaSysLogParse.class);
        tableEnvironment.createTemporarySystemFunction("KDA_REGEX_REPLACE", KdaRegexReplace.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_DATETIME_MINUS", KdaIntervalFunctions.DatetimeMinus.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_INTERVAL_TIMES", KdaIntervalFunctions.Times.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_INTERVAL_DIVIDE", KdaIntervalFunctions.Divide.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_INTERVAL_FLOOR", KdaIntervalFunctions.Floor.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_INTERVAL_CEIL", KdaIntervalFunctions.Ceil.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_INTERVAL_TO_NUMBER", KdaIntervalFunctions.ToNumber.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_INTERVAL_TO_CHAR", KdaIntervalFunctions.ToChar.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_INITCAP", KdaStringFunctions.Initcap.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_SUBSTRING", KdaStringFunctions.Substring.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_TIMESTAMP_TO_CHAR", KdaDatetimeText.TimestampToChar.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_TIME_TO_CHAR", KdaDatetimeText.TimeToChar.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_CHAR_TO_TIME", KdaDatetimeText.CharToTime.class);
    }
}
