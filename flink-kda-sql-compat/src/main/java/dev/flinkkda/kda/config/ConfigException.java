package dev.flinkkda.kda.config;

import java.util.List;

/**
 * A configuration that cannot be used: one line per problem, each {@code application.json: <JSON
 * path>: <what is wrong and what is expected>} (or {@code application.json:LINE:COLUMN: …} for a
 * file that is not JSON). No line quotes a value that looks like an AWS key.
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    private ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, at least one. */
    public static ConfigException of(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration error needs a problem");
        }
        return new ConfigException(problems);
    }

    /** One problem. */
    public static ConfigException of(String problem) {
        return of(List.of(problem));
    }

    /** The problems, in the order of the file. */
    public List<String> problems() {
        return problems;
    }
}
