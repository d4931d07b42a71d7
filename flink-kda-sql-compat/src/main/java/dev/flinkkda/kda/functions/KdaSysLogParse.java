package dev.flinkkda.kda.functions;

import dev.flinkkda.kda.functions.logparse.LogParsers;

/**
 * KDA's {@code SYS_LOG_PARSE(s)}: a syslog line {@code Mon DD HH:MM:SS rest} as {@code ROW<COLUMN1
 * TIMESTAMP(3), COLUMN2 VARCHAR(1024)>}.
 *
 * @see LogParserFunction
 */
public final class KdaSysLogParse extends LogParserFunction {

    private static final long serialVersionUID = 1L;

    public KdaSysLogParse() {
        super(LogParsers.SYS_LOG_PARSE, 1, 1);
    }
}
