package dev.flinkkda.kda.functions.logparse;

import dev.flinkkda.kda.schema.KdaNames;
import dev.flinkkda.kda.sql.parser.KdaSqlParser;
import dev.flinkkda.kda.sql.parser.KdaSqlSyntaxException;
import dev.flinkkda.kda.sql.types.KdaTypes;

import org.apache.flink.table.types.DataType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One column of the column list of {@code VARIABLE_COLUMN_LOG_PARSE} and {@code
 * FIXED_COLUMN_LOG_PARSE}: {@code name TYPE type [NOT NULL] ['date format'] [START s [FOR n]]}. The
 * name is a KDA identifier (unquoted names are folded to upper case); the type is read by the KDA
 * SQL parser and mapped by {@link KdaTypes}. {@code NOT NULL} is accepted and ignored: a field that
 * is missing or does not convert is null.
 *
 * @param start the 0-based start of a fixed-width column, empty if not written
 * @param length the width of a fixed-width column ({@code FOR n}), empty to the end of the line
 */
record ColumnDescription(
        String name,
        DataType type,
        FieldConverter converter,
        OptionalInt start,
        OptionalInt length) {

    private static final Pattern COLUMN =
            Pattern.compile(
                    "\\s*(?<name>\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)\\s+TYPE\\s+"
                            + "(?<type>.+?)"
                            + "(?:\\s*'(?<format>(?:[^']|'')*)')?"
                            + "(?<notNull>\\s+NOT\\s+NULL)?"
                            + "(?:\\s*'(?<format2>(?:[^']|'')*)')?"
                            + "(?:\\s+START\\s+(?<start>\\d+)(?:\\s+FOR\\s+(?<length>\\d+))?)?"
                            + "\\s*",
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /**
     * Reads a column list, {@code 'description, description, …'}.
     *
     * @param fixed whether the columns are fixed-width: then each needs {@code START}, else none
     *     may have it
     * @throws LogParserSpecException naming {@code functionName} and {@code argumentIndex}
     */
    static List<ColumnDescription> parseList(
            String text, String functionName, int argumentIndex, boolean fixed) {
        List<ColumnDescription> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String part : splitTopLevel(text, functionName, argumentIndex)) {
            ColumnDescription column = parse(part, functionName, argumentIndex, fixed);
            if (!names.add(column.name())) {
                throw new LogParserSpecException(
                        functionName, argumentIndex, "column " + column.name() + " appears twice");
            }
            columns.add(column);
        }
        return List.copyOf(columns);
    }

    private static ColumnDescription parse(
            String text, String functionName, int argumentIndex, boolean fixed) {
        Matcher matcher = COLUMN.matcher(text);
        if (!matcher.matches()) {
            throw new LogParserSpecException(
                    functionName,
                    argumentIndex,
                    "'"
                            + text.trim()
                            + "' is not a column description: name TYPE type [NOT NULL]"
                            + (fixed ? " START offset [FOR length]" : ""));
        }
        String name = KdaNames.normalize(matcher.group("name"));
        String typeText = matcher.group("type").trim();
        DataType type;
        try {
            type = KdaTypes.toFlink(KdaSqlParser.parseDataType(typeText));
        } catch (KdaSqlSyntaxException | IllegalArgumentException e) {
            throw new LogParserSpecException(
                    functionName,
                    argumentIndex,
                    "column " + name + ": '" + typeText + "' is not a type",
                    e);
        }
        Optional<String> format =
                Optional.ofNullable(matcher.group("format"))
                        .or(() -> Optional.ofNullable(matcher.group("format2")))
                        .map(f -> f.replace("''", "'"));
        FieldConverter converter;
        try {
            converter = FieldConverter.of(type, format);
        } catch (IllegalArgumentException e) {
            throw new LogParserSpecException(
                    functionName, argumentIndex, "column " + name + ": " + e.getMessage(), e);
        }
        OptionalInt start = number(matcher.group("start"), functionName, argumentIndex);
        OptionalInt length = number(matcher.group("length"), functionName, argumentIndex);
        if (fixed && start.isEmpty()) {
            throw new LogParserSpecException(
                    functionName,
                    argumentIndex,
                    "column " + name + " needs START offset [FOR length]");
        }
        if (!fixed && start.isPresent()) {
            throw new LogParserSpecException(
                    functionName,
                    argumentIndex,
                    "column " + name + ": START goes with FIXED_COLUMN_LOG_PARSE only");
        }
        return new ColumnDescription(name, type, converter, start, length);
    }

    private static OptionalInt number(String digits, String functionName, int argumentIndex) {
        if (digits == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            throw new LogParserSpecException(
                    functionName, argumentIndex, digits + " is too large an offset or length", e);
        }
    }

    /** Splits at the commas outside parentheses and quotes. */
    private static List<String> splitTopLevel(String text, String functionName, int argumentIndex) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(text.substring(from));
        for (String part : parts) {
            if (part.isBlank()) {
                throw new LogParserSpecException(
                        functionName,
                        argumentIndex,
                        "'" + text + "' has an empty column description");
            }
        }
        return parts;
    }

    @Override
    public String toString() {
        return name + " " + type.getLogicalType().asSummaryString().toUpperCase(Locale.ROOT);
    }
}
