package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.ReferenceSpec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a SQL-client script connects a translated application to: its inputs, outputs and reference
 * tables (as {@code flink-kda run} takes them), and where the flink-kda jar is on the machine that
 * runs the script.
 *
 * @param outputs the outputs; none: {@code DESTINATION_SQL_STREAM} to stdout, as {@code run} does
 * @param jar the path of {@code ADD JAR}; empty: {@link #JAR_PLACEHOLDER}, for the user to replace
 */
public record ScriptSettings(
        List<InputSpec> inputs,
        List<OutputSpec> outputs,
        List<ReferenceSpec> references,
        Optional<String> jar) {

    /** The path {@code ADD JAR} names when none is given. */
    public static final String JAR_PLACEHOLDER = "/path/to/flink-kda.jar";

    public ScriptSettings {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        references = List.copyOf(references);
        Objects.requireNonNull(jar, "jar");
    }

    /** The jar's path, or the placeholder. */
    public String jarPath() {
        return jar.orElse(JAR_PLACEHOLDER);
    }
}
