package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.SourcePosition;

import java.util.List;
import java.util.Objects;

/**
 * The first syntax error of KDA application code. Its message names the source, line and column,
 * the offending token and what was expected, e.g. {@code app.sql:3:17: syntax error at 'FORM':
 * expected one of FROM, ','}.
 */
public final class KdaSqlSyntaxException extends RuntimeException {

    private final String sourceName;
    private final SourcePosition position;
    private final String offendingText;
    private final List<String> expected;
    private final String detail;

    /**
     * @param offendingText the offending token as written, empty at the end of the input
     * @param expected what could have been there instead, as shown in the message (keywords, quoted
     *     symbols, or words such as {@code identifier}); empty when not applicable
     * @param detail the message without the {@code source:line:column: } prefix
     */
    public KdaSqlSyntaxException(
            String sourceName,
            SourcePosition position,
            String offendingText,
            List<String> expected,
            String detail) {
        super(sourceName + ":" + position + ": " + detail);
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.position = Objects.requireNonNull(position, "position");
        this.offendingText = Objects.requireNonNull(offendingText, "offendingText");
        this.expected = List.copyOf(expected);
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /** The name of the source, e.g. its file name. */
    public String sourceName() {
        return sourceName;
    }

    /** Where the offending token starts. */
    public SourcePosition position() {
        return position;
    }

    /** The line of the offending token, from 1. */
    public int line() {
        return position.line();
    }

    /** The column of the offending token, from 1. */
    public int column() {
        return position.column();
    }

    /** The offending token as written; empty at the end of the input. */
    public String offendingText() {
        return offendingText;
    }

    /** What could have been there instead, as listed in the message; may be empty. */
    public List<String> expected() {
        return expected;
    }

    /** The message without the {@code source:line:column: } prefix. */
    public String detail() {
        return detail;
    }
}
