package dev.flinkkda.kda.functions;

import dev.flinkkda.kda.functions.logparse.LogParsers;

/**
 * KDA's {@code REGEX_LOG_PARSE(s, 'regex')}: {@code ROW<COLUMN1 VARCHAR(1024), …>}, one field per
 * capturing group of a whole-string {@code java.util.regex} match; null if the string does not
 * match.
 *
 * @see LogParserFunction
 */
public final class KdaRegexLogParse extends LogParserFunction {

    private static final long serialVersionUID = 1L;

    public KdaRegexLogParse() {
        super(LogParsers.REGEX_LOG_PARSE, 2, 2);
    }
}
