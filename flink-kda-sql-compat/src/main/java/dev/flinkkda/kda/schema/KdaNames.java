package dev.flinkkda.kda.schema;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names of streams and columns as KDA reads them: an unquoted name is folded to upper case
 * ({@code source_sql_stream_001} names {@code SOURCE_SQL_STREAM_001}); a name between double quotes
 * keeps its case ({@code "MyStream"} names {@code MyStream}; {@code ""} inside stands for one
 * double quote).
 */
public final class KdaNames {

    /** The in-application stream KDA creates for an application's input. */
    public static final String DEFAULT_INPUT_STREAM = "SOURCE_SQL_STREAM_001";

    private static final Pattern UNQUOTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"]|\"\")+\"");

    private KdaNames() {}

    /** Whether {@code text} is a whole KDA identifier, quoted or not. */
    public static boolean isIdentifier(String text) {
        return UNQUOTED.matcher(text).matches() || QUOTED.matcher(text).matches();
    }

    /**
     * The name an identifier stands for.
     *
     * @throws IllegalArgumentException if {@code text} is not an identifier
     */
    public static String normalize(String text) {
        if (UNQUOTED.matcher(text).matches()) {
            return text.toUpperCase(Locale.ROOT);
        }
        if (QUOTED.matcher(text).matches()) {
            return text.substring(1, text.length() - 1).replace("\"\"", "\"");
        }
        throw new IllegalArgumentException(
                "not a stream name: "
                        + text
                        + " (a letter or _ followed by letters, digits, _ or $; or any name"
                        + " between double quotes)");
    }

    /** The name as KDA SQL writes it: unquoted when that reads back the same, else quoted. */
    public static String toSql(String name) {
        return UNQUOTED.matcher(name).matches() && name.equals(name.toUpperCase(Locale.ROOT))
                ? name
                : '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * The name as one Flink SQL identifier, between backticks, e.g. for {@code
     * createTemporaryView}: Flink compares names case-sensitively and does not fold them.
     */
    public static String toFlinkIdentifier(String name) {
        return '`' + name.replace("`", "``") + '`';
    }
}
