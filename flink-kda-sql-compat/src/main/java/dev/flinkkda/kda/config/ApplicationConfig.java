package dev.flinkkda.kda.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a KDA application needs, read from its configuration JSON, independent of which of AWS's two
 * shapes the file has ({@link Shape}).
 *
 * @param file the file's name as messages give it, e.g. {@code application.json}
 * @param shape which JSON the file was
 * @param applicationName {@code ApplicationName}
 * @param applicationCode {@code ApplicationCode}: the SQL, if the file has it
 * @param inputs the inputs, in order
 * @param outputs the outputs, in order
 * @param referenceData the reference data sources, in order
 */
public record ApplicationConfig(
        String file,
        Shape shape,
        Located<String> applicationName,
        Optional<Located<String>> applicationCode,
        List<ConfiguredInput> inputs,
        List<ConfiguredOutput> outputs,
        List<ConfiguredReferenceData> referenceData) {

    /** The two JSON documents AWS describes an application with. */
    public enum Shape {
        /**
         * The {@code CreateApplication} request ({@code aws kinesisanalytics create-application
         * --cli-input-json}), with reference data as {@code ReferenceDataSources}.
         */
        CREATE_APPLICATION,
        /**
         * The output of {@code aws kinesisanalytics describe-application}: {@code
         * ApplicationDetail}.
         */
        DESCRIBE_APPLICATION
    }

    public ApplicationConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(applicationCode, "applicationCode");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        referenceData = List.copyOf(referenceData);
    }
}
