package dev.flinkkda.kda.options;

import java.util.Objects;

/**
 * An application's SQL given as text rather than as a file: the {@code ApplicationCode} of a
 * configuration ({@code --config application.json} without {@code APP.sql}).
 *
 * @param sql the SQL
 * @param sourceName what errors call it, e.g. {@code application.json: $.ApplicationCode}, so that
 *     a syntax error reads {@code application.json: $.ApplicationCode:3:7: …} (line and column
 *     within the code)
 */
public record ApplicationCode(String sql, String sourceName) {
    public ApplicationCode {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(sourceName, "sourceName");
    }
}
