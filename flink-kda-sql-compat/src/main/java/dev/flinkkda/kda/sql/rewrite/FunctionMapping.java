package dev.flinkkda.kda.sql.rewrite;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * KDA's scalar and aggregate functions in Flink SQL: the same function where Flink has it under the
 * same name and argument order, otherwise Flink's name with KDA's arguments reordered, or one of
 * flink-kda's functions ({@code KDA_*}, registered by the runner). A function that is not here is
 * not translated: the translator rejects it.
 */
public final class FunctionMapping {

    /** How one KDA function becomes Flink SQL, given its rendered arguments. */
    @FunctionalInterface
    public interface Rule {
        String render(List<String> arguments, boolean distinct, boolean star);
    }

    /** Functions written the same way in both dialects. */
    private static final Set<String> SAME =
            Set.of(
                    "ABS",
                    "CEIL",
                    "CEILING",
                    "EXP",
                    "FLOOR",
                    "LN",
                    "LOG10",
                    "MOD",
                    "POWER",
                    "SQRT",
                    "CHAR_LENGTH",
                    "CHARACTER_LENGTH",
                    "INITCAP",
                    "LOWER",
                    "UPPER",
                    "SUBSTRING",
                    "COALESCE",
                    "NULLIF",
                    "COUNT",
                    "SUM",
                    "AVG",
                    "MIN",
                    "MAX",
                    "VAR_POP",
                    "VAR_SAMP",
                    "STDDEV_POP",
                    "STDDEV_SAMP",
                    "FIRST_VALUE",
                    "LAST_VALUE",
                    "LAG");

    /** Functions KDA and Flink write without parentheses. */
    private static final Set<String> NILADIC =
            Set.of(
                    "CURRENT_DATE",
                    "CURRENT_TIME",
                    "CURRENT_TIMESTAMP",
                    "LOCALTIME",
                    "LOCALTIMESTAMP");

    private static final Map<String, Rule> RULES = new HashMap<>();

    static {
        for (String name : SAME) {
            RULES.put(name, (args, distinct, star) -> call(name, args, distinct, star));
        }
        for (String name : NILADIC) {
            RULES.put(name, (args, distinct, star) -> name);
        }
        RULES.put("CURRENT_ROW_TIMESTAMP", (args, d, s) -> "CURRENT_ROW_TIMESTAMP()");
        RULES.put(
                "POSITION", (args, d, s) -> "POSITION(" + args.get(0) + " IN " + args.get(1) + ")");
        RULES.put(
                "OVERLAY",
                (args, d, s) ->
                        "OVERLAY("
                                + args.get(0)
                                + " PLACING "
                                + args.get(1)
                                + " FROM "
                                + args.get(2)
                                + (args.size() > 3 ? " FOR " + args.get(3) : "")
                                + ")");
        // KDA puts the format first; Flink last.
        RULES.put("CHAR_TO_TIMESTAMP", (args, d, s) -> reversed("TO_TIMESTAMP", args));
        RULES.put("CHAR_TO_DATE", (args, d, s) -> reversed("TO_DATE", args));
        RULES.put("TIMESTAMP_TO_CHAR", (args, d, s) -> reversed("DATE_FORMAT", args));
        RULES.put("DATE_TO_CHAR", (args, d, s) -> reversed("DATE_FORMAT", args));
        // KDA's epoch milliseconds: Flink's UNIX_TIMESTAMP counts seconds of a string.
        RULES.put("UNIX_TIMESTAMP", (args, d, s) -> call("KDA_UNIX_TIMESTAMP", args, false, false));
        RULES.put("TSDIFF", (args, d, s) -> call("KDA_TSDIFF", args, false, false));
        RULES.put(
                "TO_TIMESTAMP",
                (args, d, s) -> "CAST(TO_TIMESTAMP_LTZ(" + args.get(0) + ", 3) AS TIMESTAMP(3))");
    }

    private FunctionMapping() {}

    /** The rule for the KDA function {@code name} with {@code arity} arguments, if translated. */
    public static Optional<Rule> rule(String name, int arity) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (NILADIC.contains(upper) || upper.equals("CURRENT_ROW_TIMESTAMP")) {
            return arity == 0 ? Optional.ofNullable(RULES.get(upper)) : Optional.empty();
        }
        if ((upper.equals("CHAR_TO_TIMESTAMP")
                        || upper.equals("CHAR_TO_DATE")
                        || upper.equals("TIMESTAMP_TO_CHAR")
                        || upper.equals("DATE_TO_CHAR")
                        || upper.equals("POSITION")
                        || upper.equals("TSDIFF"))
                && arity != 2) {
            return Optional.empty();
        }
        if ((upper.equals("UNIX_TIMESTAMP") || upper.equals("TO_TIMESTAMP")) && arity != 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(RULES.get(upper));
    }

    private static String call(String name, List<String> args, boolean distinct, boolean star) {
        return name
                + "("
                + (star ? "*" : (distinct ? "DISTINCT " : "") + String.join(", ", args))
                + ")";
    }

    private static String reversed(String name, List<String> args) {
        return name + "(" + args.get(1) + ", " + args.get(0) + ")";
    }
}
