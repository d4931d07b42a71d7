package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.SourcePosition;

/**
 * A KDA application that parses but cannot run: an unknown stream or column, a pump whose columns
 * do not match its stream, or a construct this translator does not support. The message starts with
 * {@code source:line:column:}.
 */
public class KdaSemanticException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final SourcePosition position;
    private final String reason;

    public KdaSemanticException(String sourceName, SourcePosition position, String reason) {
        super(sourceName + ":" + position + ": " + reason);
        this.sourceName = sourceName;
        this.position = position;
        this.reason = reason;
    }

    /** The file (or other source) of the application. */
    public String sourceName() {
        return sourceName;
    }

    /** Where in the source the problem is. */
    public SourcePosition position() {
        return position;
    }

    /** The message without the location prefix. */
    public String reason() {
        return reason;
    }
}
