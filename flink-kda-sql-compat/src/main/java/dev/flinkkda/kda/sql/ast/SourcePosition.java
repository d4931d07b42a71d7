package dev.flinkkda.kda.sql.ast;

/**
 * Where a node starts in the application code: line and column, both counted from 1 (a tab counts
 * as one column).
 */
public record SourcePosition(int line, int column) {

    public SourcePosition {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException(
                    "line and column start at 1, got " + line + ":" + column);
        }
    }

    /** {@code line:column}, the form error messages use. */
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
