package dev.flinkkda.kda.config;

import dev.flinkkda.kda.aws.AwsSettings;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CloudFormation template (JSON or YAML) that declares a KDA for SQL application: one {@code
 * AWS::KinesisAnalytics::Application} (its {@code Inputs} and {@code ApplicationCode}) with the
 * {@code AWS::KinesisAnalytics::ApplicationOutput} and {@code
 * AWS::KinesisAnalytics::ApplicationReferenceDataSource} resources that name it — or the same three
 * of {@code AWS::KinesisAnalyticsV2::…} with {@code RuntimeEnvironment: SQL-1_0}. Their properties
 * are the API's shapes; intrinsic functions in them are evaluated by {@link
 * CloudFormationIntrinsics}. Other resources (the streams, roles, buckets) are read only for the
 * names and ARNs they give.
 */
final class CloudFormationTemplate {

    private static final List<String> TEMPLATE =
            List.of(
                    "AWSTemplateFormatVersion",
                    "Description",
                    "Metadata",
                    "Parameters",
                    "Rules",
                    "Mappings",
                    "Conditions",
                    "Transform",
                    "Resources",
                    "Outputs",
                    "Hooks");

    private static final List<String> RESOURCE =
            List.of(
                    "Type",
                    "Properties",
                    "DependsOn",
                    "Condition",
                    "Metadata",
                    "DeletionPolicy",
                    "UpdateReplacePolicy",
                    "CreationPolicy",
                    "UpdatePolicy");

    /** The resource types of one API's KDA application. */
    private record Family(
            String application,
            String output,
            String referenceDataSource,
            ConfigDialect dialect,
            List<String> applicationFields) {}

    private static final Family V1 =
            new Family(
                    "AWS::KinesisAnalytics::Application",
                    "AWS::KinesisAnalytics::ApplicationOutput",
                    "AWS::KinesisAnalytics::ApplicationReferenceDataSource",
                    ConfigDialect.V1_REQUEST,
                    List.of(
                            "ApplicationName",
                            "ApplicationDescription",
                            "ApplicationCode",
                            "Inputs"));

    private static final Family V2 =
            new Family(
                    "AWS::KinesisAnalyticsV2::Application",
                    "AWS::KinesisAnalyticsV2::ApplicationOutput",
                    "AWS::KinesisAnalyticsV2::ApplicationReferenceDataSource",
                    ConfigDialect.V2_REQUEST,
                    List.of(
                            "ApplicationName",
                            "ApplicationDescription",
                            "RuntimeEnvironment",
                            "ServiceExecutionRole",
                            "ApplicationConfiguration",
                            "ApplicationMode",
                            "RunConfiguration",
                            "ApplicationMaintenanceConfiguration",
                            "Tags"));

    private CloudFormationTemplate() {}

    /** Whether {@code root} is a template: it has {@code Resources}. */
    static boolean isTemplate(JsonNode root) {
        return root.has("Resources") || root.has("AWSTemplateFormatVersion");
    }

    static ApplicationConfig read(JsonNode root, String file, ConfigProblems problems) {
        ConfigObject template =
                ConfigObject.of(root, "$", "CloudFormation template", TEMPLATE, problems);
        CloudFormationIntrinsics intrinsics =
                new CloudFormationIntrinsics(root, AwsSettings.defaultRegion(), problems);
        List<Map.Entry<String, JsonNode>> applications = new ArrayList<>();
        JsonNode resources = root.path("Resources");
        if (!resources.isObject()) {
            template.problem(
                    "Resources",
                    "expected an object of resources, found " + ConfigObject.found(resources));
            problems.throwIfAny();
        }
        Iterator<Map.Entry<String, JsonNode>> entries = resources.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> resource = entries.next();
            String type = resource.getValue().path("Type").asText();
            if (type.equals(V1.application())
                    || (type.equals(V2.application()) && isSql(resource.getValue()))) {
                applications.add(resource);
            }
        }
        if (applications.size() != 1) {
            template.problem(
                    "Resources",
                    applications.isEmpty()
                            ? "no KDA for SQL application: expected a resource of type "
                                    + V1.application()
                                    + " (or "
                                    + V2.application()
                                    + " with RuntimeEnvironment SQL-1_0)"
                            : "several KDA for SQL applications ("
                                    + String.join(
                                            ", ",
                                            applications.stream().map(Map.Entry::getKey).toList())
                                    + "); flink-kda runs one application: give each its own"
                                    + " template");
            problems.throwIfAny();
        }
        String logicalId = applications.get(0).getKey();
        String path = ConfigObject.child(ConfigObject.child("$", "Resources"), logicalId);
        JsonNode resource = applications.get(0).getValue();
        Family family = resource.path("Type").asText().equals(V1.application()) ? V1 : V2;
        ConfigObject.of(resource, path, "resource", RESOURCE, problems);
        String propertiesPath = ConfigObject.child(path, "Properties");
        ConfigObject application =
                ConfigObject.of(
                        intrinsics.resolve(resource.path("Properties"), propertiesPath),
                        propertiesPath,
                        family.application(),
                        family.applicationFields(),
                        problems);
        Optional<Located<String>> named = application.optionalString("ApplicationName");
        // CloudFormation names an application without ApplicationName itself; its logical ID here
        Located<String> name =
                named.orElse(Located.at(application.pathOf("ApplicationName"), logicalId));
        application.optionalString("ApplicationDescription");

        List<ConfiguredInput> inputs;
        Optional<Located<String>> code;
        String codePath;
        if (family == V1) {
            inputs = ApplicationConfigReader.inputs(application, family.dialect());
            code = ApplicationConfigReader.code(application, "ApplicationCode");
            codePath = application.pathOf("ApplicationCode");
        } else {
            ApplicationConfigReader.runtime(application);
            ArnField.role(application, "ServiceExecutionRole", true);
            ApplicationConfigReader.V2Parts parts =
                    ApplicationConfigReader.v2RequestParts(application);
            inputs =
                    parts.sql()
                            .map(s -> ApplicationConfigReader.inputs(s, family.dialect()))
                            .orElse(List.of());
            code = parts.codeContent().flatMap(c -> ApplicationConfigReader.code(c, "TextContent"));
            codePath =
                    application.pathOf("ApplicationConfiguration")
                            + ".ApplicationCodeConfiguration.CodeContent.TextContent";
        }
        List<ConfiguredOutput> outputs = new ArrayList<>();
        List<ConfiguredReferenceData> references = new ArrayList<>();
        entries = resources.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> other = entries.next();
            String type = other.getValue().path("Type").asText();
            boolean output = type.equals(family.output());
            if (!output && !type.equals(family.referenceDataSource())) {
                continue;
            }
            String otherPath =
                    ConfigObject.child(ConfigObject.child("$", "Resources"), other.getKey());
            String field = output ? "Output" : "ReferenceDataSource";
            ConfigObject.of(other.getValue(), otherPath, "resource", RESOURCE, problems);
            String otherProperties = ConfigObject.child(otherPath, "Properties");
            JsonNode owner =
                    intrinsics.resolve(
                            other.getValue().path("Properties").path("ApplicationName"),
                            ConfigObject.child(otherProperties, "ApplicationName"));
            if (!owner.isTextual() || !owner.textValue().equals(name.value())) {
                // another application's (not in this template): its properties are not read
                continue;
            }
            ConfigObject properties =
                    ConfigObject.of(
                            intrinsics.resolve(
                                    other.getValue().path("Properties"), otherProperties),
                            otherProperties,
                            type,
                            List.of("ApplicationName", field),
                            problems);
            if (output) {
                properties
                        .object(field, true, field, OutputReader.OUTPUT)
                        .flatMap(o -> OutputReader.read(o, family.dialect()))
                        .ifPresent(outputs::add);
            } else {
                properties
                        .object(field, true, field, ReferenceDataReader.REFERENCE_DATA_SOURCE)
                        .flatMap(r -> ReferenceDataReader.read(r, family.dialect()))
                        .ifPresent(references::add);
            }
        }
        return new ApplicationConfig(
                file,
                ApplicationConfig.Shape.CLOUDFORMATION_TEMPLATE,
                name,
                code,
                codePath,
                inputs,
                outputs,
                references);
    }

    /** A V2 application of the SQL runtime (the V2 type also declares Flink applications). */
    private static boolean isSql(JsonNode resource) {
        return resource.path("Properties").path("RuntimeEnvironment").asText().equals("SQL-1_0");
    }
}
