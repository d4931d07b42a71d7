package dev.flinkkda.kda.functions.logparse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code W3C_LOG_PARSE(s, format)}: an Apache/W3C access-log line, one {@code VARCHAR(1024)} field
 * {@code COLUMN1} … {@code COLUMNn} per format specifier, left to right. The format is one of KDA's
 * predefined names or an Apache {@code LogFormat} string of specifiers ({@code %h}, {@code %>s},
 * {@code %{Referer}i} or KDA's {@code %[Referer]i}, …):
 *
 * <table>
 *   <caption>Predefined formats</caption>
 *   <tr><td>{@code COMMON}</td><td>{@code %h %l %u %t "%r" %>s %b} (7 columns)</td></tr>
 *   <tr><td>{@code COMMON WITH VHOST}</td><td>{@code %v %h %l %u %t "%r" %>s %b} (8)</td></tr>
 *   <tr><td>{@code NCSA EXTENDED}</td>
 *       <td>{@code %h %l %u %t "%r" %>s %b "%[Referer]i" "%[User-agent]i"} (9)</td></tr>
 *   <tr><td>{@code REFERER}</td><td>{@code %[Referer]i -> %U} (2); KDA's page writes the arrow
 *       {@code --->}, Apache {@code ->}: any number of dashes is read</td></tr>
 *   <tr><td>{@code AGENT}</td><td>{@code %[User-agent]i} (1)</td></tr>
 *   <tr><td>{@code IIS}</td><td>Microsoft's IIS log format: 15 fields separated by {@code ", "}
 *       (client IP, user, date, time, service, server, server IP, time taken, bytes received,
 *       bytes sent, status, Windows status, method, target, parameters), with or without the
 *       trailing comma (KDA's documentation gives no specifiers for it)</td></tr>
 * </table>
 *
 * <p>Values are the text of the line: {@code %t} keeps its brackets ({@code [24/May/2004:22:01:02
 * -0700]}, as KDA's example shows), a specifier between double quotes loses the quotes, {@code -}
 * stays {@code -}. A line that does not have the format's shape gives a null row.
 *
 * <p>This class only translates the format: it becomes a regular expression with one capturing
 * group per specifier, and the parser is a {@link RegexLogParser} over it, since a W3C line is then
 * read exactly as {@code REGEX_LOG_PARSE} reads one.
 */
final class W3cLogParser {

    private static final String FIELD_SPECIFIER = "aABbCDefhHilmnopPqrsTtuUvVXIO";

    private static final Pattern SPECIFIER =
            Pattern.compile(
                    "%(?:!?\\d{3}(?:,\\d{3})*)?[<>]?(?:\\{([^}]*)\\}|\\[([^\\]]*)\\])?(.)?");

    private static final Map<String, String> PREDEFINED =
            Map.of(
                    "COMMON", "%h %l %u %t \"%r\" %>s %b",
                    "COMMON WITH VHOST", "%v %h %l %u %t \"%r\" %>s %b",
                    "NCSA EXTENDED", "%h %l %u %t \"%r\" %>s %b \"%[Referer]i\" \"%[User-agent]i\"",
                    "AGENT", "%[User-agent]i");

    private static final int IIS_FIELDS = 15;

    private W3cLogParser() {}

    /**
     * @param arguments the call's arguments after the string: the format
     * @return a {@link RegexLogParser} over the format's regular expression
     */
    static RegexLogParser compile(String functionName, List<?> arguments) {
        LogParsers.requireOneArgument(functionName, arguments, "format");
        if (!(arguments.get(0) instanceof String format) || format.isBlank()) {
            throw new LogParserSpecException(
                    functionName,
                    1,
                    "the format must be a format name or specifiers, not " + arguments.get(0));
        }
        String name = format.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        if (name.equals("IIS")) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < IIS_FIELDS; i++) {
                regex.append(i == 0 ? "" : ", ?").append("([^,]*)");
            }
            return RegexLogParser.matching(
                    functionName, Pattern.compile(regex.append(",?\\s*").toString()));
        }
        if (name.equals("REFERER")) {
            return RegexLogParser.matching(functionName, Pattern.compile("(\\S*)\\s+-+>\\s+(.*)"));
        }
        String specifiers = PREDEFINED.get(name);
        if (specifiers == null) {
            if (format.indexOf('%') < 0) {
                throw new LogParserSpecException(
                        functionName,
                        1,
                        "'"
                                + format
                                + "' is neither a predefined format (COMMON, COMMON WITH VHOST,"
                                + " NCSA EXTENDED, REFERER, AGENT, IIS) nor specifiers such as"
                                + " '%h %l %u %t \"%r\" %>s %b'");
            }
            specifiers = format;
        }
        return RegexLogParser.matching(
                functionName, Pattern.compile(toRegex(specifiers, functionName)));
    }

    /** One capturing group per specifier; the literal text between them as it is. */
    static String toRegex(String format, String functionName) {
        List<Object> tokens = new ArrayList<>(); // String literal, Character specifier
        StringBuilder literal = new StringBuilder();
        Matcher matcher = SPECIFIER.matcher(format);
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            if (format.startsWith("%%", i)) {
                literal.append('%');
                i += 2;
                continue;
            }
            if (!matcher.find(i) || matcher.start() != i || matcher.group(3) == null) {
                throw new LogParserSpecException(
                        functionName, 1, "'" + format + "' ends in an incomplete specifier");
            }
            char letter = matcher.group(3).charAt(0);
            if (FIELD_SPECIFIER.indexOf(letter) < 0) {
                throw new LogParserSpecException(
                        functionName,
                        1,
                        "'" + format + "' has an unknown specifier " + matcher.group());
            }
            boolean hasArgument = matcher.group(1) != null || matcher.group(2) != null;
            if (literal.length() > 0) {
                tokens.add(literal.toString());
                literal.setLength(0);
            }
            tokens.add(letter == 't' && hasArgument ? 'x' : letter);
            i = matcher.end();
        }
        if (literal.length() > 0) {
            tokens.add(literal.toString());
        }
        StringBuilder regex = new StringBuilder();
        for (int t = 0; t < tokens.size(); t++) {
            Object token = tokens.get(t);
            if (token instanceof String text) {
                regex.append(literalRegex(text));
                continue;
            }
            Object next = t + 1 < tokens.size() ? tokens.get(t + 1) : null;
            char letter = (Character) token;
            if (letter == 't') {
                regex.append("(\\[[^\\]]*\\])");
            } else if (next instanceof String text && text.startsWith("\"")) {
                regex.append("((?:[^\"\\\\]|\\\\.)*)");
            } else if (next instanceof String text && Character.isWhitespace(text.charAt(0))) {
                regex.append("(\\S*)");
            } else if (next == null) {
                regex.append("(.*)");
            } else {
                regex.append("(.*?)");
            }
        }
        return regex.toString();
    }

    private static String literalRegex(String text) {
        StringBuilder regex = new StringBuilder();
        for (String part : text.split("(?<=\\s)(?=\\S)|(?<=\\S)(?=\\s)")) {
            regex.append(part.isBlank() ? "\\s+" : Pattern.quote(part));
        }
        return regex.toString();
    }
}
