package dev.flinkkda.kda.cli;

import dev.flinkkda.kda.options.RunOptionsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code translate}'s own options, taken out of its arguments before the rest is read as {@code
 * run}'s: {@code --format flink-sql|sql-script} (by default {@code flink-sql}, the translation with
 * its report) and {@code --jar PATH} (the flink-kda jar a script's {@code ADD JAR} names).
 *
 * @param sqlScript whether {@code --format sql-script} is asked for
 * @param jar the path of {@code --jar}
 * @param rest the other arguments, in order
 */
record ScriptArguments(boolean sqlScript, Optional<String> jar, String[] rest) {

    /** The output of {@code translate} without {@code --format}. */
    static final String FLINK_SQL = "flink-sql";

    /** A script for Flink's SQL client. */
    static final String SQL_SCRIPT = "sql-script";

    /**
     * @throws RunOptionsException for a format other than the two, a missing value, an option given
     *     twice, or {@code --jar} without {@code --format sql-script}
     */
    static ScriptArguments of(String[] args) {
        Optional<String> format = Optional.empty();
        Optional<String> jar = Optional.empty();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!option.equals("--format") && !option.equals("--jar")) {
                rest.add(arg);
                continue;
            }
            String value;
            if (!option.equals(arg)) {
                value = arg.substring(option.length() + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new RunOptionsException(option + " needs a value (see --help)");
            }
            if (option.equals("--format")) {
                if (format.isPresent()) {
                    throw new RunOptionsException("--format is given twice");
                }
                if (!value.equals(FLINK_SQL) && !value.equals(SQL_SCRIPT)) {
                    throw new RunOptionsException(
                            "--format "
                                    + value
                                    + ": expected "
                                    + FLINK_SQL
                                    + " (the default: the translation and its report) or "
                                    + SQL_SCRIPT
                                    + " (a script for Flink's SQL client)");
                }
                format = Optional.of(value);
            } else {
                if (jar.isPresent()) {
                    throw new RunOptionsException("--jar is given twice");
                }
                if (value.isBlank()) {
                    throw new RunOptionsException(
                            "--jar '" + value + "': expected the path of the flink-kda jar");
                }
                jar = Optional.of(value);
            }
        }
        boolean sqlScript = format.map(SQL_SCRIPT::equals).orElse(false);
        if (jar.isPresent() && !sqlScript) {
            throw new RunOptionsException("--jar is an option of --format " + SQL_SCRIPT);
        }
        return new ScriptArguments(sqlScript, jar, rest.toArray(new String[0]));
    }
}
