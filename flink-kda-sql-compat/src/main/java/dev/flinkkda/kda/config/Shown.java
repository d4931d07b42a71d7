package dev.flinkkda.kda.config;

import dev.flinkkda.kda.kinesis.CommandLineCredentials;

import java.util.regex.Pattern;

/**
 * A value of the configuration as a message quotes it: in single quotes, shortened, with anything
 * that looks like an AWS access key id ({@code AKIA…}, {@code ASIA…}) or a secret access key (40
 * characters of base64) replaced by {@value CommandLineCredentials#MASK}, as are credential
 * settings and URL passwords ({@link CommandLineCredentials#redact}). A configuration holds no
 * credential, but a file copied around may carry one where it should not; messages never repeat it.
 */
final class Shown {

    private static final Pattern ACCESS_KEY_ID =
            Pattern.compile("(?<![A-Z0-9])(AKIA|ASIA|AIDA|AROA)[A-Z0-9]{16}(?![A-Z0-9])");
    private static final Pattern SECRET_KEY =
            Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
    private static final int MAX_LENGTH = 120;

    private Shown() {}

    /** {@code 'value'}, redacted and at most about 120 characters. */
    static String quoted(String value) {
        return "'" + redacted(value) + "'";
    }

    /** The value with key-like parts masked, at most about 120 characters. */
    static String redacted(String value) {
        String text = CommandLineCredentials.redact(value);
        text = ACCESS_KEY_ID.matcher(text).replaceAll(CommandLineCredentials.MASK);
        text = SECRET_KEY.matcher(text).replaceAll(CommandLineCredentials.MASK);
        text = text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        if (text.length() > MAX_LENGTH) {
            text = text.substring(0, MAX_LENGTH) + "…";
        }
        return text;
    }
}
