package dev.flinkkda.kda.options;

/**
 * Arguments of {@code flink-kda run} that cannot be used; the message names the argument and what
 * is wrong, e.g. {@code --parallelism 0: expected a whole number of at least 1}.
 */
public final class RunOptionsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public RunOptionsException(String message) {
        super(message);
    }

    public RunOptionsException(String message, Throwable cause) {
        super(message, cause);
    }
}
