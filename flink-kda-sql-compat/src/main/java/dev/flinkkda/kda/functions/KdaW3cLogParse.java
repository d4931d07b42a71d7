package dev.flinkkda.kda.functions;

import dev.flinkkda.kda.functions.logparse.LogParsers;

/**
 * KDA's {@code W3C_LOG_PARSE(s, format)}: an Apache/W3C access-log line as {@code COLUMN1 … COLUMNn
 * VARCHAR(1024)}, one per specifier of the format ({@code COMMON}, {@code COMMON WITH VHOST},
 * {@code NCSA EXTENDED}, {@code REFERER}, {@code AGENT}, {@code IIS}, or specifiers such as {@code
 * '%h %l %u %t "%r" %>s %b'}).
 *
 * @see LogParserFunction
 */
public final class KdaW3cLogParse extends LogParserFunction {

    private static final long serialVersionUID = 1L;

    public KdaW3cLogParse() {
        super(LogParsers.W3C_LOG_PARSE, 2, 2);
    }
}
