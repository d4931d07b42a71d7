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
 * @param applicationCodePath the JSON path where the file has (or would have) the SQL
 * @param inputs the inputs, in order
 * @param outputs the outputs, in order
 * @param referenceData the reference data sources, in order
 */
public record ApplicationConfig(
        String file,
        Shape shape,
        Located<String> applicationName,
        Optional<Located<String>> applicationCode,
        String applicationCodePath,
        List<ConfiguredInput> inputs,
        List<ConfiguredOutput> outputs,
        List<ConfiguredReferenceData> referenceData) {

    /** The JSON documents AWS describes an application with. */
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
        DESCRIBE_APPLICATION,
        /**
         * The V2 API's {@code CreateApplication} request ({@code aws kinesisanalyticsv2
         * create-application}, runtime {@code SQL-1_0}).
         */
        CREATE_APPLICATION_V2,
        /** The output of {@code aws kinesisanalyticsv2 describe-application}. */
        DESCRIBE_APPLICATION_V2,
        /**
         * A CloudFormation template with an {@code AWS::KinesisAnalytics::Application} (or {@code
         * AWS::KinesisAnalyticsV2::Application}) and its output and reference data resources.
         */
        CLOUDFORMATION_TEMPLATE
    }

    public ApplicationConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(applicationCode, "applicationCode");
        Objects.requireNonNull(applicationCodePath, "applicationCodePath");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        referenceData = List.copyOf(referenceData);
    }
}
