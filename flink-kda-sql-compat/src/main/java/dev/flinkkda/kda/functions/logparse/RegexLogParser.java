package dev.flinkkda.kda.functions.logparse;

import org.apache.flink.table.api.DataTypes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code REGEX_LOG_PARSE(s, regex)} and {@code FAST_REGEX_LOG_PARSER(s, regex)}: a {@code
 * java.util.regex} pattern that must match the whole string; one {@code VARCHAR(1024)} field {@code
 * COLUMN1} … {@code COLUMNn} per capturing group, left to right (null for a group that took no part
 * in the match). A string that does not match gives a null row, as KDA documents.
 *
 * <p>For {@code FAST_REGEX_LOG_PARSER} the quantifiers inside capturing groups are made lazy
 * ({@code .*} becomes {@code .*?}), those outside stay greedy, and {@code <Alpha>}, {@code <Digit>}
 * and KDA's other named classes are {@code \p{Alpha}} …; the match then takes the first (shortest)
 * split, as KDA's lazy parser does. Unlike KDA's parser it backtracks: a pattern KDA gives up on
 * because the first split leads nowhere (the documentation's {@code (.*)_+(._.*)} on {@code
 * Mary_had_a_little_lamb}) still matches here with a later split. KDA's other Fast Regex constructs
 * ({@code #}, {@code @}, {@code &}, {@code "literal"}, {@code <n-m>}) are not read.
 */
final class RegexLogParser extends AbstractLogParser {

    /** The type of every field. */
    static final int FIELD_LENGTH = 1024;

    private static final Set<String> NAMED_CLASSES =
            Set.of(
                    "Lower", "Upper", "ASCII", "Alpha", "Digit", "Alnum", "Punct", "Graph", "Print",
                    "Blank", "Cntrl", "XDigit", "Space");

    private final Pattern pattern;

    private RegexLogParser(String functionName, Pattern pattern) {
        super(functionName, groupColumns(pattern));
        this.pattern = pattern;
    }

    private static List<LogField> groupColumns(Pattern pattern) {
        List<LogField> columns = new ArrayList<>();
        for (int i = 1; i <= pattern.matcher("").groupCount(); i++) {
            columns.add(new LogField("COLUMN" + i, DataTypes.VARCHAR(FIELD_LENGTH)));
        }
        return columns;
    }

    /** {@code REGEX_LOG_PARSE}: the pattern as written. */
    static RegexLogParser regex(String functionName, String regex, int argumentIndex) {
        return new RegexLogParser(functionName, compile(functionName, regex, argumentIndex));
    }

    /**
     * A parser over a pattern built by another function's compiler ({@code W3C_LOG_PARSE}'s format
     * becomes one): its lines are read as {@code REGEX_LOG_PARSE} reads them, so that the matching
     * lives here only.
     */
    static RegexLogParser matching(String functionName, Pattern pattern) {
        return new RegexLogParser(functionName, pattern);
    }

    /** {@code FAST_REGEX_LOG_PARSER}: lazy quantifiers inside the groups. */
    static RegexLogParser fast(String functionName, String regex, int argumentIndex) {
        // compile first as written, so that a syntax error reports the user's pattern
        compile(functionName, regex, argumentIndex);
        return new RegexLogParser(
                functionName, compile(functionName, lazyGroups(regex), argumentIndex));
    }

    private static Pattern compile(String functionName, String regex, int argumentIndex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new LogParserSpecException(
                    functionName,
                    argumentIndex,
                    "'" + regex + "' is not a regular expression: " + e.getDescription(),
                    e);
        }
        if (pattern.matcher("").groupCount() == 0) {
            throw new LogParserSpecException(
                    functionName,
                    argumentIndex,
                    "'" + regex + "' has no capturing group, so there would be no column");
        }
        return pattern;
    }

    /**
     * The pattern with each quantifier inside a capturing group made reluctant and KDA's named
     * classes ({@code <Alpha>}) written as Java's ({@code \p{Alpha}}).
     */
    static String lazyGroups(String regex) {
        StringBuilder out = new StringBuilder(regex.length() + 16);
        Deque<Boolean> groups = new ArrayDeque<>(); // true: capturing
        int capturing = 0;
        boolean inClass = false;
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                int end = escapeEnd(regex, i);
                out.append(regex, i, end);
                i = end;
                continue;
            }
            if (inClass) {
                out.append(c);
                if (c == ']') {
                    inClass = false;
                }
                i++;
                continue;
            }
            switch (c) {
                case '[':
                    inClass = true;
                    out.append(c);
                    // a ] right after [ or [^ is a literal
                    if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
                        out.append('^');
                        i++;
                    }
                    if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                        out.append(']');
                        i++;
                    }
                    i++;
                    continue;
                case '(':
                    {
                        boolean capture =
                                !regex.startsWith("(?", i)
                                        || (regex.startsWith("(?<", i)
                                                && !regex.startsWith("(?<=", i)
                                                && !regex.startsWith("(?<!", i));
                        groups.push(capture);
                        if (capture) {
                            capturing++;
                        }
                        out.append(c);
                        i++;
                        if (capture && regex.startsWith("?<", i)) {
                            // a named group: copy its name as is
                            int close = regex.indexOf('>', i);
                            if (close > 0) {
                                out.append(regex, i, close + 1);
                                i = close + 1;
                            }
                        }
                        continue;
                    }
                case ')':
                    if (!groups.isEmpty() && groups.pop()) {
                        capturing--;
                    }
                    out.append(c);
                    i++;
                    continue;
                case '<':
                    {
                        int close = regex.indexOf('>', i);
                        if (close > 0 && NAMED_CLASSES.contains(regex.substring(i + 1, close))) {
                            out.append("\\p{").append(regex, i + 1, close).append('}');
                            i = close + 1;
                            continue;
                        }
                        out.append(c);
                        i++;
                        continue;
                    }
                case '*':
                case '+':
                case '?':
                    out.append(c);
                    i++;
                    i = lazy(regex, i, out, capturing > 0);
                    continue;
                case '{':
                    {
                        int close = regex.indexOf('}', i);
                        if (close > 0 && regex.substring(i + 1, close).matches("\\d+(,\\d*)?")) {
                            out.append(regex, i, close + 1);
                            i = lazy(regex, close + 1, out, capturing > 0);
                            continue;
                        }
                        out.append(c);
                        i++;
                        continue;
                    }
                default:
                    out.append(c);
                    i++;
            }
        }
        return out.toString();
    }

    /**
     * After a quantifier ending before {@code i}: adds {@code ?} unless it is lazy or possessive.
     */
    private static int lazy(String regex, int i, StringBuilder out, boolean inGroup) {
        boolean modified = i < regex.length() && (regex.charAt(i) == '?' || regex.charAt(i) == '+');
        if (modified) {
            out.append(regex.charAt(i));
            return i + 1;
        }
        if (inGroup) {
            out.append('?');
        }
        return i;
    }

    /** The end of the escape starting at {@code i}: {@code \x}, {@code \p{..}}, {@code \Q..\E}. */
    private static int escapeEnd(String regex, int i) {
        if (i + 1 >= regex.length()) {
            return regex.length();
        }
        char next = regex.charAt(i + 1);
        if (next == 'Q') {
            int end = regex.indexOf("\\E", i + 2);
            return end < 0 ? regex.length() : end + 2;
        }
        if ((next == 'p' || next == 'P' || next == 'x' || next == 'N' || next == 'k')
                && i + 2 < regex.length()
                && (regex.charAt(i + 2) == '{' || regex.charAt(i + 2) == '<')) {
            int end = regex.indexOf(regex.charAt(i + 2) == '{' ? '}' : '>', i + 2);
            return end < 0 ? regex.length() : end + 1;
        }
        return i + 2;
    }

    @Override
    Object[] parseLine(String line) {
        Matcher matcher = pattern.matcher(line);
        if (!matcher.matches()) {
            return null;
        }
        Object[] values = new Object[fields().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = matcher.group(i + 1);
        }
        return values;
    }

    /** The pattern this parser matches with (for {@code FAST_REGEX_LOG_PARSER}, the lazy one). */
    String pattern() {
        return pattern.pattern();
    }
}
