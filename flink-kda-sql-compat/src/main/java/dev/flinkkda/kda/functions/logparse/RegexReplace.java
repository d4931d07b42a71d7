package dev.flinkkda.kda.functions.logparse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * KDA's {@code REGEX_REPLACE(original, regex, replacement, startPosition, occurrence)}: replaces
 * the matches of {@code regex} found from the 1-based {@code startPosition} on, all of them when
 * {@code occurrence} is 0, else only the {@code occurrence}-th; the replacement is read as by
 * {@link Matcher#appendReplacement} ({@code $1} is group 1). The text before {@code startPosition}
 * is kept; a {@code startPosition} past the end gives {@code original} unchanged.
 *
 * <p>Null if any argument is null, or if the replacement names a group the expression lacks. KDA
 * writes an error to the error stream for a {@code startPosition} below 1 or a negative {@code
 * occurrence}; here the result is null.
 */
public final class RegexReplace {

    /** KDA's name of the function. */
    public static final String NAME = "REGEX_REPLACE";

    private final Pattern pattern;

    private RegexReplace(Pattern pattern) {
        this.pattern = pattern;
    }

    /**
     * Compiles the regular expression (argument 1 of the call).
     *
     * @throws LogParserSpecException if it is not a regular expression
     */
    public static RegexReplace compile(String regex) {
        try {
            return new RegexReplace(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new LogParserSpecException(
                    NAME,
                    1,
                    "'" + regex + "' is not a regular expression: " + e.getDescription(),
                    e);
        }
    }

    /** The regular expression. */
    public String regex() {
        return pattern.pattern();
    }

    /** The replaced string; see the class comment. */
    public String replace(
            String original, String replacement, Integer startPosition, Integer occurrence) {
        if (original == null
                || replacement == null
                || startPosition == null
                || occurrence == null) {
            return null;
        }
        if (startPosition < 1 || occurrence < 0) {
            return null;
        }
        if (startPosition > original.length()) {
            return original;
        }
        Matcher matcher = pattern.matcher(original);
        // the text before the start position is copied by the first appendReplacement
        matcher.region(startPosition - 1, original.length());
        StringBuilder out = new StringBuilder(original.length());
        int seen = 0;
        try {
            while (matcher.find()) {
                seen++;
                if (occurrence == 0 || seen == occurrence) {
                    matcher.appendReplacement(out, replacement);
                    if (occurrence != 0) {
                        break;
                    }
                }
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // a replacement naming a group the regular expression does not have
            return null;
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
