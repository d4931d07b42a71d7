package dev.flinkkda.kda.functions.logparse;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * KDA's log-parsing functions by name: which names they are, and their compilation from a call's
 * literal arguments to a {@link LogParser} (the output row type, then the parsing of each line).
 *
 * <pre>{@code
 * LogParser parser = LogParsers.compile("W3C_LOG_PARSE", List.of("COMMON"));
 * parser.fields();    // COLUMN1 … COLUMN7, VARCHAR(1024)
 * parser.parse(line); // the seven values, or null
 * }</pre>
 *
 * <p>The functions are {@value #REGEX_LOG_PARSE}, {@value #FAST_REGEX_LOG_PARSER} (also spelt
 * {@code FAST_REGEX_LOG_PARSE}, as KDA's page does), {@value #VARIABLE_COLUMN_LOG_PARSE}, {@value
 * #FIXED_COLUMN_LOG_PARSE}, {@value #W3C_LOG_PARSE} and {@value #SYS_LOG_PARSE}; names are compared
 * without regard to case.
 */
public final class LogParsers {

    public static final String REGEX_LOG_PARSE = "REGEX_LOG_PARSE";
    public static final String FAST_REGEX_LOG_PARSER = "FAST_REGEX_LOG_PARSER";
    public static final String VARIABLE_COLUMN_LOG_PARSE = "VARIABLE_COLUMN_LOG_PARSE";
    public static final String FIXED_COLUMN_LOG_PARSE = "FIXED_COLUMN_LOG_PARSE";
    public static final String W3C_LOG_PARSE = "W3C_LOG_PARSE";
    public static final String SYS_LOG_PARSE = "SYS_LOG_PARSE";

    private static final Map<String, BiFunction<String, List<?>, LogParser>> COMPILERS =
            Map.of(
                    REGEX_LOG_PARSE, (name, args) -> regex(name, args, false),
                    FAST_REGEX_LOG_PARSER, (name, args) -> regex(name, args, true),
                    VARIABLE_COLUMN_LOG_PARSE, VariableColumnLogParser::compile,
                    FIXED_COLUMN_LOG_PARSE, FixedColumnLogParser::compile,
                    W3C_LOG_PARSE, W3cLogParser::compile,
                    SYS_LOG_PARSE, SysLogParser::compile);

    private LogParsers() {}

    /** Whether {@code functionName} is one of KDA's log-parsing functions. */
    public static boolean isLogParser(String functionName) {
        return canonicalName(functionName).isPresent();
    }

    /**
     * The function's name as KDA's reference spells it, e.g. {@code FAST_REGEX_LOG_PARSER} for
     * {@code fast_regex_log_parse}; empty if it is not a log-parsing function.
     */
    public static Optional<String> canonicalName(String functionName) {
        if (functionName == null) {
            return Optional.empty();
        }
        String upper = functionName.toUpperCase(Locale.ROOT);
        if (upper.equals("FAST_REGEX_LOG_PARSE")) {
            return Optional.of(FAST_REGEX_LOG_PARSER);
        }
        return COMPILERS.containsKey(upper) ? Optional.of(upper) : Optional.empty();
    }

    /**
     * Compiles a call of a log-parsing function.
     *
     * @param functionName the function, e.g. {@code REGEX_LOG_PARSE}
     * @param literalArguments the values of the call's arguments after the string being parsed
     *     (which is argument 0), in order: {@code String} for a character literal, a {@code Number}
     *     for a numeric one, null for {@code NULL}. Argument {@code i + 1} of the call is {@code
     *     literalArguments.get(i)}.
     * @return the parser, with its output fields
     * @throws LogParserSpecException if an argument cannot be used (its {@code argumentIndex()}
     *     counts the string being parsed as 0) or there are too few or too many
     * @throws IllegalArgumentException if {@code functionName} is not a log-parsing function
     */
    public static LogParser compile(String functionName, List<?> literalArguments) {
        Objects.requireNonNull(literalArguments, "literalArguments");
        String name =
                canonicalName(functionName)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                functionName + " is not a log-parsing function"));
        return COMPILERS.get(name).apply(name, literalArguments);
    }

    private static LogParser regex(String name, List<?> arguments, boolean fast) {
        requireOneArgument(name, arguments, "regular expression");
        if (!(arguments.get(0) instanceof String regex)) {
            throw new LogParserSpecException(
                    name, 1, "the regular expression must be a string, not " + arguments.get(0));
        }
        return fast ? RegexLogParser.fast(name, regex, 1) : RegexLogParser.regex(name, regex, 1);
    }

    /**
     * Checks that a function reading one literal after the string ({@code argument}: the regular
     * expression, the column list, the format) got just that one: {@code REGEX_LOG_PARSE}, {@code
     * FAST_REGEX_LOG_PARSER}, {@code FIXED_COLUMN_LOG_PARSE} and {@code W3C_LOG_PARSE} count their
     * arguments alike, and a wrong count is reported the same way for each.
     */
    static void requireOneArgument(String functionName, List<?> arguments, String argument) {
        if (arguments.size() != 1) {
            throw new LogParserSpecException(
                    functionName,
                    Math.min(arguments.size() + 1, 2),
                    "takes 2 arguments (string, " + argument + "), not " + (arguments.size() + 1));
        }
    }
}
