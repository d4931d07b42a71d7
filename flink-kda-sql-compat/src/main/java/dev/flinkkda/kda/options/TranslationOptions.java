package dev.flinkkda.kda.options;

import dev.flinkkda.kda.schema.KdaSchema;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The arguments of {@code flink-kda translate} and {@code validate}: the application and the
 * columns of its inputs and reference tables ({@link RunOptions#parseForTranslation}).
 *
 * @param inputs the input streams' columns by stream name
 * @param referenceTables the reference tables' columns by table name
 * @param code the application's SQL when it comes from the configuration's {@code ApplicationCode};
 *     {@link #application} is then the configuration file
 */
public record TranslationOptions(
        Path application,
        Map<String, KdaSchema> inputs,
        Map<String, KdaSchema> referenceTables,
        Optional<ApplicationCode> code) {
    public TranslationOptions {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(code, "code");
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        referenceTables = Collections.unmodifiableMap(new LinkedHashMap<>(referenceTables));
    }
}
