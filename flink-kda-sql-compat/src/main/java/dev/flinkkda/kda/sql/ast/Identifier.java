package dev.flinkkda.kda.sql.ast;

import java.util.Locale;
import java.util.Objects;

/**
 * A name as KDA reads it: an unquoted identifier is folded to upper case ({@code ticker} names
 * {@code TICKER}); a quoted one keeps its case and may hold any character ({@code "Ticker"} names
 * {@code Ticker}, {@code "a""b"} names {@code a"b}).
 *
 * @param text the identifier as written in the source, quotes included
 * @param quoted whether it was written between double quotes
 * @param name the normalised name that KDA compares (case-sensitively)
 */
public record Identifier(SourcePosition position, String text, boolean quoted, String name)
        implements Node {

    public Identifier {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an identifier's name cannot be empty");
        }
    }

    /** An unquoted identifier: its name is its text in upper case. */
    public static Identifier unquoted(SourcePosition position, String text) {
        return new Identifier(position, text, false, text.toUpperCase(Locale.ROOT));
    }

    /**
     * A quoted identifier from its source text, {@code "..."} with {@code ""} standing for one
     * double quote.
     */
    public static Identifier quoted(SourcePosition position, String text) {
        if (text.length() < 2 || text.charAt(0) != '"' || text.charAt(text.length() - 1) != '"') {
            throw new IllegalArgumentException("not a quoted identifier: " + text);
        }
        String name = text.substring(1, text.length() - 1).replace("\"\"", "\"");
        return new Identifier(position, text, true, name);
    }
}
