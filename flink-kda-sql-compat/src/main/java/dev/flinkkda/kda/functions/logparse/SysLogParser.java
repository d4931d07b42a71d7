package dev.flinkkda.kda.functions.logparse;

import org.apache.flink.table.api.DataTypes;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code SYS_LOG_PARSE(s)}: a syslog line {@code Mon DD HH:MM:SS rest} (RFC 3164, e.g. {@code Oct
 * 11 22:14:15 mymachine su: 'su root' failed}) into {@code COLUMN1 TIMESTAMP(3)}, the time stamp,
 * and {@code COLUMN2 VARCHAR(1024)}, the rest of the line (host and message). The line carries no
 * year: the time stamp is in 1970, as a {@code MMM dd HH:mm:ss} {@code SimpleDateFormat} reads it.
 * A line that does not start with such a time stamp gives a null row.
 */
final class SysLogParser extends AbstractLogParser {

    /** The year of every parsed time stamp: syslog lines have none. */
    static final int YEAR = 1970;

    private static final Pattern LINE =
            Pattern.compile("([A-Za-z]{3} +\\d{1,2} \\d{2}:\\d{2}:\\d{2}) (.*)", Pattern.DOTALL);

    private static final DateTimeFormatter STAMP =
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern("MMM")
                    .appendLiteral(' ')
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .appendPattern("d HH:mm:ss")
                    .parseDefaulting(ChronoField.YEAR, YEAR)
                    .toFormatter(Locale.ENGLISH);

    private static final List<LogField> FIELDS =
            List.of(
                    new LogField("COLUMN1", DataTypes.TIMESTAMP(3)),
                    new LogField("COLUMN2", DataTypes.VARCHAR(RegexLogParser.FIELD_LENGTH)));

    private SysLogParser(String functionName) {
        super(functionName, FIELDS);
    }

    /**
     * @param arguments the call's arguments after the string: none
     */
    static SysLogParser compile(String functionName, List<?> arguments) {
        if (!arguments.isEmpty()) {
            throw new LogParserSpecException(
                    functionName,
                    1,
                    "takes 1 argument (the string), not " + (arguments.size() + 1));
        }
        return new SysLogParser(functionName);
    }

    @Override
    Object[] parseLine(String line) {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            return null;
        }
        try {
            LocalDateTime stamp = LocalDateTime.parse(matcher.group(1), STAMP);
            return new Object[] {stamp, matcher.group(2)};
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
