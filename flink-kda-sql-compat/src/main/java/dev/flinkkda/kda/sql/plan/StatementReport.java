package dev.flinkkda.kda.sql.plan;

import dev.flinkkda.kda.sql.ast.SourcePosition;

import java.util.Objects;

/**
 * How one statement was translated, for {@code flink-kda translate}.
 *
 * @param statement e.g. {@code CREATE PUMP "STREAM_PUMP"}
 * @param detail what it became, or why it is not supported
 */
public record StatementReport(
        SourcePosition position, String statement, Translation translation, String detail) {
    public StatementReport {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(translation, "translation");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return position + " " + statement + ": " + translation + " — " + detail;
    }
}
