package dev.flinkkda.kda.functions;

import dev.flinkkda.kda.functions.logparse.LogParsers;

/**
 * KDA's {@code FIXED_COLUMN_LOG_PARSE(s, 'NAME TYPE type START offset [FOR length], …')}: the
 * fixed-width fields of {@code s}, named and typed as the column list says.
 *
 * @see LogParserFunction
 */
public final class KdaFixedColumnLogParse extends LogParserFunction {

    private static final long serialVersionUID = 1L;

    public KdaFixedColumnLogParse() {
        super(LogParsers.FIXED_COLUMN_LOG_PARSE, 2, 2);
    }
}
