package dev.flinkkda.kda.functions.logparse;

/**
 * A literal argument of a log-parsing function that cannot be used: a regular expression that does
 * not compile, an unknown W3C format, a column description that does not parse, an unknown type.
 * The message names the function and the problem; {@link #argumentIndex()} says which argument of
 * the call is wrong, so that a translator can point at it in the SQL text.
 */
public final class LogParserSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String functionName;
    private final int argumentIndex;

    /**
     * @param functionName the KDA name of the function, e.g. {@code REGEX_LOG_PARSE}
     * @param argumentIndex the 0-based index of the offending argument in the call; 0 is the string
     *     being parsed, 1 the first literal argument
     * @param problem what is wrong, without the function name
     */
    public LogParserSpecException(String functionName, int argumentIndex, String problem) {
        this(functionName, argumentIndex, problem, null);
    }

    public LogParserSpecException(
            String functionName, int argumentIndex, String problem, Throwable cause) {
        super(functionName + ", argument " + (argumentIndex + 1) + ": " + problem, cause);
        this.functionName = functionName;
        this.argumentIndex = argumentIndex;
    }

    /** The KDA name of the function, e.g. {@code W3C_LOG_PARSE}. */
    public String functionName() {
        return functionName;
    }

    /** The 0-based index of the offending argument in the call (0 is the string being parsed). */
    public int argumentIndex() {
        return argumentIndex;
    }
}
