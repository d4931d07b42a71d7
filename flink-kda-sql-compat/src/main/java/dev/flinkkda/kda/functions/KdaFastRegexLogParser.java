package dev.flinkkda.kda.functions;

import dev.flinkkda.kda.functions.logparse.LogParsers;

/**
 * KDA's {@code FAST_REGEX_LOG_PARSER(s, 'regex')}: as {@link KdaRegexLogParse}, with the
 * quantifiers inside the groups lazy (the first, shortest split).
 *
 * @see LogParserFunction
 */
public final class KdaFastRegexLogParser extends LogParserFunction {

    private static final long serialVersionUID = 1L;

    public KdaFastRegexLogParser() {
        super(LogParsers.FAST_REGEX_LOG_PARSER, 2, 2);
    }
}
