package dev.flinkkda.kda.functions;

import dev.flinkkda.kda.functions.logparse.RegexReplace;

/**
 * KDA's {@code REGEX_REPLACE(original, regex, replacement, startPosition, occurrence)}: the matches
 * of {@code regex} from the 1-based {@code startPosition} on replaced, all when {@code occurrence}
 * is 0, else the {@code occurrence}-th only; see {@link RegexReplace}. Flink's {@code
 * REGEXP_REPLACE} has neither start position nor occurrence. The compiled expression is kept for
 * the next row.
 */
public final class KdaRegexReplace extends KdaScalarFunction {

    private static final long serialVersionUID = 1L;

    private transient RegexReplace compiled;

    public String eval(
            String original,
            String regex,
            String replacement,
            Integer startPosition,
            Integer occurrence) {
        if (original == null || regex == null) {
            return null;
        }
        if (compiled == null || !compiled.regex().equals(regex)) {
            compiled = RegexReplace.compile(regex);
        }
        return compiled.replace(original, replacement, startPosition, occurrence);
    }
}
