package dev.flinkkda.kda.config;

import java.util.Objects;

/**
 * A value of the configuration with the JSON path it was found at, so that a later stage (a
 * JSONPath mapping that does not parse, an ARN the runtime cannot use) can name where it is: {@code
 * application.json: $.Inputs[0].InputSchema.RecordColumns[2].Mapping: …}.
 *
 * @param value the value as written in the file
 * @param jsonPath where it is, e.g. {@code $.Inputs[0].KinesisStreamsInput.ResourceARN}
 */
public record Located<T>(T value, String jsonPath) {

    public Located {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(jsonPath, "jsonPath");
    }

    /** A value found at {@code jsonPath}. */
    public static <T> Located<T> at(String jsonPath, T value) {
        return new Located<>(value, jsonPath);
    }

    /**
     * {@code FILE: PATH: problem}, the form of every configuration error.
     *
     * @param file the configuration's file name as messages show it, e.g. {@code application.json}
     */
    public String problem(String file, String problem) {
        return file + ": " + jsonPath + ": " + problem;
    }
}
