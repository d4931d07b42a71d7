package dev.flinkkda.kda.kinesis;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials written into a command line ({@code kinesis:NAME?secretKey=…}, {@code
 * http://user:password@host}): recognised so that they are refused, and so that a message that
 * quotes the command line shows {@code ***} in their place. A value on the command line ends up in
 * shell histories, process lists and job logs; flink-kda takes credentials from the AWS default
 * chain or a named profile instead.
 */
public final class CommandLineCredentials {

    /** What a message shows instead of a credential's value. */
    public static final String MASK = "***";

    /** Why a credential setting is refused, without its value. */
    public static final String WHERE_CREDENTIALS_COME_FROM =
            "credentials are not taken from the command line; flink-kda uses the AWS default"
                    + " chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ~/.aws/credentials, an"
                    + " instance or container role) or a named profile (profile=NAME)";

    /** Parts of setting names that hold a credential's value, in lower case. */
    private static final String[] CREDENTIAL_NAME_PARTS = {
        "secret",
        "accesskey",
        "access_key",
        "access-key",
        "sessiontoken",
        "session_token",
        "session-token",
        "securitytoken",
        "password",
        "passwd",
        ".basic."
    };

    /**
     * A {@code key=value} pair of a query string: its key, and its value up to {@code &}, {@code ?}
     * or a space (so that in {@code STREAM=kinesis:s?secretKey=…} the second pair is one).
     */
    private static final Pattern QUERY_PAIR = Pattern.compile("([^?&=\\s]+)=([^?&\\s]*)");

    /**
     * The user information of a URL, {@code scheme://user:password@}; a password may hold a {@code
     * /} as typed.
     */
    private static final Pattern URL_USER_INFO = Pattern.compile("(://)[^@\\s?&#]+@");

    private CommandLineCredentials() {}

    /**
     * Whether a setting of a location holds a credential's value: {@code accessKey}, {@code
     * secretKey}, {@code sessionToken}, the connector's {@code aws.credentials.provider.basic.…}
     * keys and anything named like a secret, a session token or a password.
     */
    public static boolean isCredentialSetting(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String part : CREDENTIAL_NAME_PARTS) {
            if (lower.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a URL carries a user name or password ({@code http://user:password@host}). */
    public static boolean hasUserInfo(String url) {
        return URL_USER_INFO.matcher(url).find();
    }

    /**
     * The text with the value of every credential setting ({@link #isCredentialSetting}) and every
     * URL's user information replaced by {@value #MASK}: for messages that quote an argument.
     */
    public static String redact(String text) {
        String withoutUserInfo = URL_USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
        Matcher pair = QUERY_PAIR.matcher(withoutUserInfo);
        StringBuilder redacted = new StringBuilder();
        while (pair.find()) {
            String replacement =
                    isCredentialSetting(pair.group(1)) ? pair.group(1) + "=" + MASK : pair.group(0);
            pair.appendReplacement(redacted, Matcher.quoteReplacement(replacement));
        }
        pair.appendTail(redacted);
        return redacted.toString();
    }
}
