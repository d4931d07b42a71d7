package dev.flinkkda.kda.format;

/**
 * A text that is not a JSONPath of KDA's dialect ({@link JsonPath}). The message is {@code column
 * N: reason}, N counted from 1 in the path's text, so that a caller can put where the path came
 * from in front of it (e.g. {@code application.json: $.Inputs[0]...RecordColumns[3].Mapping:
 * "$.a..b": column 4: expected a name after '.', ...}).
 */
public final class JsonPathException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final int column;
    private final String reason;

    JsonPathException(String path, int column, String reason) {
        super("column " + column + ": " + reason);
        this.path = path;
        this.column = column;
        this.reason = reason;
    }

    /** The text that did not parse. */
    public String path() {
        return path;
    }

    /** Where it stops being a path, from 1 (one past the end for a path cut short). */
    public int column() {
        return column;
    }

    /** What was expected there, without the column. */
    public String reason() {
        return reason;
    }
}
