package dev.flinkkda.kda.functions;

import dev.flinkkda.kda.functions.logparse.LogParsers;

/**
 * KDA's {@code VARIABLE_COLUMN_LOG_PARSE(s, columns, delimiter [, escape [, quote]])}: the
 * delimited fields of {@code s}, as {@code COLUMN1 … COLUMNn VARCHAR(1024)} for a number of
 * columns, or as the named, typed columns of a list {@code 'NAME TYPE VARCHAR(16), …'}.
 *
 * @see LogParserFunction
 */
public final class KdaVariableColumnLogParse extends LogParserFunction {

    private static final long serialVersionUID = 1L;

    public KdaVariableColumnLogParse() {
        super(LogParsers.VARIABLE_COLUMN_LOG_PARSE, 3, 5);
    }
}
