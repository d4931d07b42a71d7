package dev.flinkkda.kda.config;

import dev.flinkkda.kda.sql.parser.Utf8Text;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a KDA application's configuration JSON into an {@link ApplicationConfig}, checking it
 * against AWS's API references (Kinesis Analytics, API version 2015-08-14, and Kinesis Analytics
 * V2, 2018-05-23, for applications of the runtime {@code SQL-1_0}). These documents are accepted:
 *
 * <ul>
 *   <li>the output of {@code aws kinesisanalytics describe-application}: {@code
 *       {"ApplicationDetail": {…, "InputDescriptions": […], "OutputDescriptions": […],
 *       "ReferenceDataSourceDescriptions": […], "ApplicationCode": "…"}}};
 *   <li>the {@code CreateApplication} request ({@code {"ApplicationName", "ApplicationCode",
 *       "Inputs", "Outputs", …}}), with reference data, which AWS adds with {@code
 *       AddApplicationReferenceDataSource}, as {@code "ReferenceDataSources": [ReferenceDataSource,
 *       …]} or that call's own {@code "ReferenceDataSource": {…}}. {@code
 *       InputStartingPositionConfiguration}, which StartApplication takes, may be given in an
 *       {@code Input}.
 *   <li>the output of {@code aws kinesisanalyticsv2 describe-application}: {@code
 *       {"ApplicationDetail": {"RuntimeEnvironment": "SQL-1_0",
 *       "ApplicationConfigurationDescription": {"SqlApplicationConfigurationDescription": {…},
 *       "ApplicationCodeConfigurationDescription": {"CodeContentDescription": {"TextContent":
 *       "…"}}}, …}}};
 *   <li>the V2 {@code CreateApplication} request ({@code {"ApplicationName", "RuntimeEnvironment",
 *       "ServiceExecutionRole", "ApplicationConfiguration": {"SqlApplicationConfiguration":
 *       {"Inputs", "Outputs", "ReferenceDataSources"}, "ApplicationCodeConfiguration":
 *       {"CodeContent": {"TextContent"}}}}}).
 * </ul>
 *
 * <p>Every problem is reported, each as {@code application.json: <JSON path>: <what is wrong and
 * what is expected>}: a file that is not JSON (with line:column), unknown fields (with the nearest
 * known name), missing required fields, wrong JSON types, ARNs that do not parse or name another
 * service, SqlTypes that are not KDA's, duplicate names, {@code InputParallelism.Count} out of
 * 1..64, mapping parameters of the other record format. What the file configures but flink-kda
 * cannot run (a Firehose input, a Lambda) is read here and refused by {@link ConfigRunOptions},
 * where {@code --input}/{@code --output} may replace it.
 */
public final class ApplicationConfigReader {

    private static final List<String> CREATE_APPLICATION =
            List.of(
                    "ApplicationName",
                    "ApplicationDescription",
                    "Inputs",
                    "Outputs",
                    "CloudWatchLoggingOptions",
                    "ApplicationCode",
                    "Tags",
                    "ReferenceDataSources",
                    "ReferenceDataSource");

    private static final List<String> APPLICATION_DETAIL =
            List.of(
                    "ApplicationName",
                    "ApplicationDescription",
                    "ApplicationARN",
                    "ApplicationStatus",
                    "CreateTimestamp",
                    "LastUpdateTimestamp",
                    "InputDescriptions",
                    "OutputDescriptions",
                    "ReferenceDataSourceDescriptions",
                    "CloudWatchLoggingOptionDescriptions",
                    "ApplicationCode",
                    "ApplicationVersionId");

    private static final List<String> CREATE_APPLICATION_V2 =
            List.of(
                    "ApplicationName",
                    "ApplicationDescription",
                    "RuntimeEnvironment",
                    "ServiceExecutionRole",
                    "ApplicationConfiguration",
                    "CloudWatchLoggingOptions",
                    "Tags",
                    "ApplicationMode");

    private static final List<String> APPLICATION_CONFIGURATION =
            List.of(
                    "SqlApplicationConfiguration",
                    "ApplicationCodeConfiguration",
                    "FlinkApplicationConfiguration",
                    "EnvironmentProperties",
                    "ApplicationSnapshotConfiguration",
                    "ApplicationSystemRollbackConfiguration",
                    "VpcConfigurations",
                    "ZeppelinApplicationConfiguration");

    private static final List<String> APPLICATION_DETAIL_V2 =
            List.of(
                    "ApplicationARN",
                    "ApplicationDescription",
                    "ApplicationName",
                    "RuntimeEnvironment",
                    "ServiceExecutionRole",
                    "ApplicationStatus",
                    "ApplicationVersionId",
                    "CreateTimestamp",
                    "LastUpdateTimestamp",
                    "ApplicationConfigurationDescription",
                    "CloudWatchLoggingOptionDescriptions",
                    "ApplicationMaintenanceConfigurationDescription",
                    "ApplicationVersionUpdatedFrom",
                    "ApplicationVersionRolledBackFrom",
                    "ApplicationVersionCreateTimestamp",
                    "ConditionalToken",
                    "ApplicationVersionRolledBackTo",
                    "ApplicationMode");

    private static final List<String> APPLICATION_CONFIGURATION_DESCRIPTION =
            List.of(
                    "SqlApplicationConfigurationDescription",
                    "ApplicationCodeConfigurationDescription",
                    "RunConfigurationDescription",
                    "FlinkApplicationConfigurationDescription",
                    "EnvironmentPropertyDescriptions",
                    "ApplicationSnapshotConfigurationDescription",
                    "ApplicationSystemRollbackConfigurationDescription",
                    "VpcConfigurationDescriptions",
                    "ZeppelinApplicationConfigurationDescription");

    private ApplicationConfigReader() {}

    /**
     * Reads and checks a configuration file.
     *
     * @throws ConfigException listing every problem
     * @throws dev.flinkkda.kda.sql.parser.NotUtf8Exception if the file is not UTF-8
     * @throws IOException if it cannot be read
     */
    public static ApplicationConfig read(Path file) throws IOException {
        String name = file.getFileName().toString();
        return parse(Utf8Text.decode(Files.readAllBytes(file), name), name);
    }

    /**
     * Reads and checks a configuration's text.
     *
     * @param file the name messages give it, e.g. {@code application.json}
     * @throws ConfigException listing every problem
     */
    public static ApplicationConfig parse(String json, String file) {
        JsonNode root = ConfigDocument.parse(json, file);
        ConfigProblems problems = new ConfigProblems(file);
        if (!root.isObject()) {
            problems.add(
                    "$",
                    "expected an object (a CreateApplication request, the output of"
                            + " describe-application or a CloudFormation template), found "
                            + ConfigObject.found(root));
            problems.throwIfAny();
        }
        ApplicationConfig config;
        if (CloudFormationTemplate.isTemplate(root)) {
            config = CloudFormationTemplate.read(root, file, problems);
        } else if (root.has("ApplicationDetail")) {
            config = readDescription(root, file, problems);
        } else if (isV2(root)) {
            config =
                    readV2Request(
                            ConfigObject.of(
                                    root,
                                    "$",
                                    "CreateApplication request",
                                    CREATE_APPLICATION_V2,
                                    problems),
                            file);
        } else {
            config =
                    readV1(
                            ConfigObject.of(
                                    root,
                                    "$",
                                    "CreateApplication request",
                                    CREATE_APPLICATION,
                                    problems),
                            ConfigDialect.V1_REQUEST,
                            file);
        }
        checkUniqueNames(config.inputs(), config.outputs(), config.referenceData(), problems);
        problems.throwIfAny();
        return config;
    }

    /** A V2 document: it has the V2 API's fields (a V1 document has none of them). */
    private static boolean isV2(JsonNode application) {
        return application.has("ApplicationConfiguration")
                || application.has("ApplicationConfigurationDescription")
                || application.has("RuntimeEnvironment")
                || application.has("ServiceExecutionRole");
    }

    private static ApplicationConfig readDescription(
            JsonNode root, String file, ConfigProblems problems) {
        ConfigObject response =
                ConfigObject.of(
                        root,
                        "$",
                        "DescribeApplicationResponse",
                        List.of("ApplicationDetail"),
                        problems);
        if (isV2(root.get("ApplicationDetail"))) {
            return readV2Description(
                    response.object(
                                    "ApplicationDetail",
                                    true,
                                    "ApplicationDetail",
                                    APPLICATION_DETAIL_V2)
                            .orElseThrow(),
                    file);
        }
        return readV1(
                response.object("ApplicationDetail", true, "ApplicationDetail", APPLICATION_DETAIL)
                        .orElseThrow(),
                ConfigDialect.V1_DESCRIPTION,
                file);
    }

    /** The first API's documents: everything is a field of the application. */
    private static ApplicationConfig readV1(
            ConfigObject application, ConfigDialect dialect, String file) {
        boolean description = dialect.description();
        Optional<Located<String>> name = applicationName(application);
        Optional<Located<String>> code = code(application, "ApplicationCode");
        if (description) {
            versionAndStatus(application);
        }
        loggingOptions(application, dialect);
        if (!description) {
            tags(application);
        }
        return new ApplicationConfig(
                file,
                description
                        ? ApplicationConfig.Shape.DESCRIBE_APPLICATION
                        : ApplicationConfig.Shape.CREATE_APPLICATION,
                name.orElse(Located.at(application.pathOf("ApplicationName"), "")),
                code,
                application.pathOf("ApplicationCode"),
                inputs(application, dialect),
                outputs(application, dialect),
                references(application, dialect));
    }

    /**
     * The V2 API's {@code CreateApplication} request: the inputs, outputs and reference data in
     * {@code ApplicationConfiguration.SqlApplicationConfiguration}, the SQL in {@code
     * ApplicationConfiguration.ApplicationCodeConfiguration.CodeContent.TextContent}.
     */
    private static ApplicationConfig readV2Request(ConfigObject application, String file) {
        Optional<Located<String>> name = applicationName(application);
        runtime(application);
        ArnField.role(application, "ServiceExecutionRole", true);
        loggingOptions(application, ConfigDialect.V2_REQUEST);
        tags(application);
        application.ignored("ApplicationMode");
        V2Parts parts = v2RequestParts(application);
        return v2Config(
                ApplicationConfig.Shape.CREATE_APPLICATION_V2,
                ConfigDialect.V2_REQUEST,
                application,
                name,
                parts.sql(),
                parts.codeContent(),
                "ApplicationConfiguration.ApplicationCodeConfiguration.CodeContent.TextContent",
                file);
    }

    /** Where a V2 request (or CloudFormation's V2 resource) has its SQL and its streams. */
    record V2Parts(Optional<ConfigObject> sql, Optional<ConfigObject> codeContent) {}

    /**
     * {@code ApplicationConfiguration}'s {@code SqlApplicationConfiguration} and {@code
     * ApplicationCodeConfiguration.CodeContent}.
     */
    static V2Parts v2RequestParts(ConfigObject application) {
        Optional<ConfigObject> configuration =
                application.object(
                        "ApplicationConfiguration",
                        false,
                        "ApplicationConfiguration",
                        APPLICATION_CONFIGURATION);
        Optional<ConfigObject> sql =
                configuration.flatMap(
                        c ->
                                c.object(
                                        "SqlApplicationConfiguration",
                                        false,
                                        "SqlApplicationConfiguration",
                                        List.of("Inputs", "Outputs", "ReferenceDataSources")));
        Optional<ConfigObject> codeContent =
                configuration
                        .flatMap(
                                c ->
                                        c.object(
                                                "ApplicationCodeConfiguration",
                                                false,
                                                "ApplicationCodeConfiguration",
                                                List.of("CodeContent", "CodeContentType")))
                        .flatMap(
                                c ->
                                        c.object(
                                                "CodeContent",
                                                false,
                                                "CodeContent",
                                                List.of(
                                                        "TextContent",
                                                        "ZipFileContent",
                                                        "S3ContentLocation")));
        return new V2Parts(sql, codeContent);
    }

    /** The output of {@code aws kinesisanalyticsv2 describe-application}. */
    private static ApplicationConfig readV2Description(ConfigObject application, String file) {
        Optional<Located<String>> name = applicationName(application);
        runtime(application);
        ArnField.role(application, "ServiceExecutionRole", false);
        versionAndStatus(application);
        loggingOptions(application, ConfigDialect.V2_DESCRIPTION);
        Optional<ConfigObject> configuration =
                application.object(
                        "ApplicationConfigurationDescription",
                        false,
                        "ApplicationConfigurationDescription",
                        APPLICATION_CONFIGURATION_DESCRIPTION);
        Optional<ConfigObject> sql =
                configuration.flatMap(
                        c ->
                                c.object(
                                        "SqlApplicationConfigurationDescription",
                                        false,
                                        "SqlApplicationConfigurationDescription",
                                        List.of(
                                                "InputDescriptions",
                                                "OutputDescriptions",
                                                "ReferenceDataSourceDescriptions")));
        Optional<ConfigObject> codeContent =
                configuration
                        .flatMap(
                                c ->
                                        c.object(
                                                "ApplicationCodeConfigurationDescription",
                                                false,
                                                "ApplicationCodeConfigurationDescription",
                                                List.of(
                                                        "CodeContentType",
                                                        "CodeContentDescription")))
                        .flatMap(
                                c ->
                                        c.object(
                                                "CodeContentDescription",
                                                false,
                                                "CodeContentDescription",
                                                List.of(
                                                        "TextContent",
                                                        "CodeMD5",
                                                        "CodeSize",
                                                        "S3ApplicationCodeLocationDescription")));
        return v2Config(
                ApplicationConfig.Shape.DESCRIBE_APPLICATION_V2,
                ConfigDialect.V2_DESCRIPTION,
                application,
                name,
                sql,
                codeContent,
                "ApplicationConfigurationDescription.ApplicationCodeConfigurationDescription"
                        + ".CodeContentDescription.TextContent",
                file);
    }

    private static ApplicationConfig v2Config(
            ApplicationConfig.Shape shape,
            ConfigDialect dialect,
            ConfigObject application,
            Optional<Located<String>> name,
            Optional<ConfigObject> sql,
            Optional<ConfigObject> codeContent,
            String codeField,
            String file) {
        return new ApplicationConfig(
                file,
                shape,
                name.orElse(Located.at(application.pathOf("ApplicationName"), "")),
                codeContent.flatMap(c -> code(c, "TextContent")),
                application.path() + "." + codeField,
                sql.map(s -> inputs(s, dialect)).orElse(List.of()),
                sql.map(s -> outputs(s, dialect)).orElse(List.of()),
                sql.map(s -> references(s, dialect)).orElse(List.of()));
    }

    /**
     * {@code RuntimeEnvironment}: {@code SQL-1_0} is KDA for SQL; the V2 API's other runtimes are
     * Flink and Zeppelin applications, which have no KDA SQL to run.
     */
    static void runtime(ConfigObject application) {
        application
                .requiredString("RuntimeEnvironment")
                .filter(r -> !r.value().equals("SQL-1_0"))
                .ifPresent(
                        r ->
                                application.problem(
                                        "RuntimeEnvironment",
                                        Shown.quoted(r.value())
                                                + " is not KDA for SQL; flink-kda runs"
                                                + " applications of the runtime SQL-1_0 (a"
                                                + " Flink or Zeppelin application runs on Flink"
                                                + " as it is)"));
    }

    private static Optional<Located<String>> applicationName(ConfigObject application) {
        Optional<Located<String>> name = application.requiredString("ApplicationName");
        name.ifPresent(
                n -> {
                    if (!n.value().matches("[a-zA-Z0-9_.-]{1,128}")) {
                        application.problem(
                                "ApplicationName",
                                Shown.quoted(n.value())
                                        + ": expected 1 to 128 letters, digits, '_', '.' or '-'");
                    }
                });
        application.optionalString("ApplicationDescription");
        return name;
    }

    private static void versionAndStatus(ConfigObject application) {
        application.requiredString("ApplicationARN");
        application.requiredString("ApplicationStatus");
        application.optionalInt("ApplicationVersionId", 1, 999_999_999, "");
        if (!application.has("ApplicationVersionId")) {
            application.problem(
                    "ApplicationVersionId",
                    "missing; an ApplicationDetail needs ApplicationVersionId (a whole number)");
        }
    }

    static void tags(ConfigObject application) {
        application
                .objects("Tags", false, 1, "Tag", List.of("Key", "Value"))
                .forEach(
                        tag -> {
                            tag.requiredString("Key");
                            tag.optionalString("Value");
                        });
    }

    static List<ConfiguredInput> inputs(ConfigObject holder, ConfigDialect dialect) {
        boolean description = dialect.description();
        List<ConfiguredInput> inputs = new ArrayList<>();
        for (ConfigObject input :
                holder.objects(
                        description ? "InputDescriptions" : "Inputs",
                        false,
                        0,
                        description ? "InputDescription" : "Input",
                        description ? InputReader.INPUT_DESCRIPTION : InputReader.INPUT)) {
            InputReader.read(input, dialect).ifPresent(inputs::add);
        }
        return inputs;
    }

    static List<ConfiguredOutput> outputs(ConfigObject holder, ConfigDialect dialect) {
        boolean description = dialect.description();
        List<ConfiguredOutput> outputs = new ArrayList<>();
        for (ConfigObject output :
                holder.objects(
                        description ? "OutputDescriptions" : "Outputs",
                        false,
                        0,
                        description ? "OutputDescription" : "Output",
                        description ? OutputReader.OUTPUT_DESCRIPTION : OutputReader.OUTPUT)) {
            OutputReader.read(output, dialect).ifPresent(outputs::add);
        }
        return outputs;
    }

    static List<ConfiguredReferenceData> references(ConfigObject holder, ConfigDialect dialect) {
        List<ConfiguredReferenceData> references = new ArrayList<>();
        for (ConfigObject reference : referenceObjects(holder, dialect.description())) {
            ReferenceDataReader.read(reference, dialect).ifPresent(references::add);
        }
        return references;
    }

    /**
     * The SQL ({@code ApplicationCode}, V2's {@code TextContent}): a string, possibly empty (AWS
     * allows 0 to 102,400 characters).
     */
    static Optional<Located<String>> code(ConfigObject holder, String field) {
        if (!holder.has(field)) {
            return Optional.empty();
        }
        return holder.optionalString(field);
    }

    private static void loggingOptions(ConfigObject application, ConfigDialect dialect) {
        boolean description = dialect.description();
        List<String> fields =
                description
                        ? List.of("CloudWatchLoggingOptionId", "LogStreamARN", "RoleARN")
                        : dialect.roleRequired()
                                ? List.of("LogStreamARN", "RoleARN")
                                : List.of("LogStreamARN");
        for (ConfigObject option :
                application.objects(
                        description
                                ? "CloudWatchLoggingOptionDescriptions"
                                : "CloudWatchLoggingOptions",
                        false,
                        0,
                        description
                                ? "CloudWatchLoggingOptionDescription"
                                : "CloudWatchLoggingOption",
                        fields)) {
            option.requiredString("LogStreamARN");
            ArnField.role(
                    option,
                    "RoleARN",
                    dialect.roleRequired() || dialect == ConfigDialect.V1_DESCRIPTION);
        }
    }

    private static List<ConfigObject> referenceObjects(
            ConfigObject application, boolean description) {
        if (description) {
            return application.objects(
                    "ReferenceDataSourceDescriptions",
                    false,
                    0,
                    "ReferenceDataSourceDescription",
                    ReferenceDataReader.REFERENCE_DATA_SOURCE_DESCRIPTION);
        }
        if (application.has("ReferenceDataSources") && application.has("ReferenceDataSource")) {
            application.problem(
                    "ReferenceDataSource",
                    "give reference data either as ReferenceDataSources [ … ] or as one"
                            + " ReferenceDataSource, not both");
            return List.of();
        }
        if (application.has("ReferenceDataSource")) {
            return application
                    .object(
                            "ReferenceDataSource",
                            true,
                            "ReferenceDataSource",
                            ReferenceDataReader.REFERENCE_DATA_SOURCE)
                    .map(List::of)
                    .orElse(List.of());
        }
        return application.objects(
                "ReferenceDataSources",
                false,
                0,
                "ReferenceDataSource",
                ReferenceDataReader.REFERENCE_DATA_SOURCE);
    }

    /**
     * In-application stream names of inputs and reference tables are one name space (the
     * application's SQL reads both by name); an output may write one stream to several
     * destinations, but not the same one twice.
     */
    static void checkUniqueNames(
            List<ConfiguredInput> inputs,
            List<ConfiguredOutput> outputs,
            List<ConfiguredReferenceData> references,
            ConfigProblems problems) {
        Map<String, String> names = new HashMap<>();
        for (ConfiguredInput input : inputs) {
            for (String stream : input.streamNames()) {
                String previous = names.putIfAbsent(stream, input.namePrefix().jsonPath());
                if (previous != null) {
                    problems.add(
                            input.namePrefix().jsonPath(),
                            "the in-application stream "
                                    + Shown.quoted(stream)
                                    + " is also made by "
                                    + previous
                                    + "; give each input its own NamePrefix");
                }
            }
        }
        for (ConfiguredReferenceData reference : references) {
            String table = reference.tableName().value();
            String previous = names.putIfAbsent(table, reference.tableName().jsonPath());
            if (previous != null) {
                problems.add(
                        reference.tableName().jsonPath(),
                        "duplicate name "
                                + Shown.quoted(table)
                                + " (also "
                                + previous
                                + "); a reference table needs a name of its own");
            }
        }
        Map<String, String> destinations = new HashMap<>();
        for (ConfiguredOutput output : outputs) {
            String key = output.streamName().value() + " -> " + output.destination().arn().value();
            String previous = destinations.putIfAbsent(key, output.jsonPath());
            if (previous != null) {
                problems.add(
                        output.jsonPath(),
                        "duplicate output: "
                                + Shown.quoted(output.streamName().value())
                                + " to "
                                + Shown.quoted(output.destination().arn().value())
                                + " is also "
                                + previous);
            }
        }
    }
}
