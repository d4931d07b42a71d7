package dev.flinkkda.kda.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CloudFormation's intrinsic functions in a template's properties, evaluated as far as a template
 * alone allows: {@code Ref} (parameters by their {@code Default}, pseudo parameters, resources by
 * their name property), {@code Fn::GetAtt} of the ARNs a KDA application names (Kinesis streams,
 * Firehose delivery streams, S3 buckets, IAM roles, Lambda functions, log groups), {@code Fn::Sub},
 * {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}, {@code Fn::FindInMap} and {@code
 * Fn::Base64}. What only a deployed stack knows ({@code Fn::ImportValue}, conditions, a parameter
 * without a default) is a problem at its JSON path.
 *
 * <p>The stack's region is {@link dev.flinkkda.kda.aws.AwsSettings#defaultRegion()} (as for every
 * location flink-kda reads); its account is {@link #ACCOUNT}. A resource whose name the template
 * leaves to CloudFormation is named by its logical ID, a bucket by it in lower case (CloudFormation
 * would add the stack's name and a suffix).
 */
final class CloudFormationIntrinsics {

    /** The account in ARNs a template builds: not one CloudFormation would give, none is known. */
    static final String ACCOUNT = "000000000000";

    /** The stack's name in {@code AWS::StackName}. */
    static final String STACK = "flink-kda";

    /** Deeper than this, a resource's name names itself, directly or not. */
    private static final int MAX_DEPTH = 32;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The name property of each resource type a Ref gives the name of. */
    private static final Map<String, String> NAME_PROPERTIES =
            Map.of(
                    "AWS::Kinesis::Stream", "Name",
                    "AWS::KinesisFirehose::DeliveryStream", "DeliveryStreamName",
                    "AWS::S3::Bucket", "BucketName",
                    "AWS::IAM::Role", "RoleName",
                    "AWS::Lambda::Function", "FunctionName",
                    "AWS::Logs::LogGroup", "LogGroupName",
                    "AWS::KinesisAnalytics::Application", "ApplicationName",
                    "AWS::KinesisAnalyticsV2::Application", "ApplicationName");

    private final JsonNode template;
    private final String region;
    private final ConfigProblems problems;

    CloudFormationIntrinsics(JsonNode template, String region, ConfigProblems problems) {
        this.template = template;
        this.region = region;
        this.problems = problems;
    }

    /**
     * {@code value} with every intrinsic function replaced by its value; a {@link MissingNode}
     * where it is {@code AWS::NoValue} (the property is left out), and where a problem was
     * recorded.
     */
    JsonNode resolve(JsonNode value, String path) {
        return resolve(value, path, 0);
    }

    private JsonNode resolve(JsonNode value, String path, int depth) {
        if (depth > MAX_DEPTH) {
            problems.add(path, "names itself (a Ref or Fn::GetAtt cycle)");
            return MissingNode.getInstance();
        }
        if (value.isObject() && value.size() == 1) {
            String name = value.fieldNames().next();
            if (name.equals("Ref") || name.startsWith("Fn::") || name.equals("Condition")) {
                return function(
                        name, value.get(name), ConfigObject.child(path, name), path, depth + 1);
            }
        }
        if (value.isObject()) {
            ObjectNode object = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode resolved =
                        resolve(field.getValue(), ConfigObject.child(path, field.getKey()), depth);
                if (!resolved.isMissingNode()) {
                    object.set(field.getKey(), resolved);
                }
            }
            return object;
        }
        if (value.isArray()) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < value.size(); i++) {
                JsonNode resolved = resolve(value.get(i), path + "[" + i + "]", depth);
                if (!resolved.isMissingNode()) {
                    array.add(resolved);
                }
            }
            return array;
        }
        return value;
    }

    private JsonNode function(String name, JsonNode argument, String path, String at, int depth) {
        switch (name) {
            case "Ref":
                return text(argument, path, depth).map(r -> ref(r, path, depth)).orElse(missing());
            case "Fn::GetAtt":
                return getAtt(argument, path, depth);
            case "Fn::Sub":
                return sub(argument, path, depth);
            case "Fn::Join":
                return join(argument, path, depth);
            case "Fn::Select":
                return select(argument, path, depth);
            case "Fn::Split":
                return split(argument, path, depth);
            case "Fn::FindInMap":
                return findInMap(argument, path, depth);
            case "Fn::Base64":
                return text(argument, path, depth)
                        .<JsonNode>map(
                                t ->
                                        NODES.textNode(
                                                Base64.getEncoder()
                                                        .encodeToString(
                                                                t.getBytes(
                                                                        StandardCharsets.UTF_8))))
                        .orElse(missing());
            case "Fn::ImportValue":
                problems.add(
                        at,
                        "Fn::ImportValue: what another stack exports is not in this template;"
                                + " write the value here, or give the location with --input,"
                                + " --output or --reference");
                return missing();
            default:
                problems.add(
                        at,
                        name
                                + ": flink-kda evaluates Ref, Fn::GetAtt, Fn::Sub, Fn::Join,"
                                + " Fn::Select, Fn::Split, Fn::FindInMap and Fn::Base64, not"
                                + " conditions or "
                                + name
                                + "; write the value here");
                return missing();
        }
    }

    private JsonNode ref(String name, String path, int depth) {
        switch (name) {
            case "AWS::Region":
                return NODES.textNode(region);
            case "AWS::AccountId":
                return NODES.textNode(ACCOUNT);
            case "AWS::Partition":
                return NODES.textNode("aws");
            case "AWS::URLSuffix":
                return NODES.textNode("amazonaws.com");
            case "AWS::StackName":
                return NODES.textNode(STACK);
            case "AWS::StackId":
                return NODES.textNode(
                        "arn:aws:cloudformation:" + region + ":" + ACCOUNT + ":stack/" + STACK);
            case "AWS::NoValue":
                return MissingNode.getInstance();
            default:
                break;
        }
        JsonNode parameter = template.path("Parameters").path(name);
        if (parameter.isObject()) {
            JsonNode defaultValue = parameter.get("Default");
            if (defaultValue == null || defaultValue.isNull()) {
                problems.add(
                        path,
                        "the parameter "
                                + Shown.quoted(name)
                                + " has no Default, and only a deployed stack knows its value;"
                                + " give it a Default or write the value here");
                return missing();
            }
            return defaultValue.isContainerNode()
                    ? resolve(defaultValue, "$.Parameters." + name + ".Default", depth)
                    : NODES.textNode(defaultValue.asText());
        }
        JsonNode resource = template.path("Resources").path(name);
        if (resource.isObject()) {
            return physicalName(name, resource, depth)
                    .<JsonNode>map(NODES::textNode)
                    .orElse(missing());
        }
        problems.add(
                path,
                Shown.quoted(name)
                        + " is no parameter or resource of the template"
                        + ConfigObject.didYouMean(name, namesIn("Parameters", "Resources")));
        return missing();
    }

    /** The name a Ref of a resource gives: its name property, else its logical ID. */
    private Optional<String> physicalName(String logicalId, JsonNode resource, int depth) {
        String property = NAME_PROPERTIES.get(resource.path("Type").asText());
        JsonNode name = property == null ? null : resource.path("Properties").get(property);
        if (name == null || name.isNull()) {
            // CloudFormation makes the name: a bucket's is in lower case
            return Optional.of(
                    resource.path("Type").asText().equals("AWS::S3::Bucket")
                            ? logicalId.toLowerCase(Locale.ROOT)
                            : logicalId);
        }
        JsonNode resolved =
                resolve(name, "$.Resources." + logicalId + ".Properties." + property, depth + 1);
        return resolved.isValueNode() ? Optional.of(resolved.asText()) : Optional.empty();
    }

    private JsonNode getAtt(JsonNode argument, String path, int depth) {
        JsonNode arguments = resolve(argument, path, depth);
        if (!arguments.isArray()
                || arguments.size() != 2
                || !arguments.get(0).isTextual()
                || !arguments.get(1).isTextual()) {
            problems.add(
                    path,
                    "expected [LogicalId, Attribute], found " + ConfigObject.found(arguments));
            return missing();
        }
        return getAtt(arguments.get(0).textValue(), arguments.get(1).textValue(), path, depth)
                .<JsonNode>map(NODES::textNode)
                .orElse(missing());
    }

    private Optional<String> getAtt(String logicalId, String attribute, String path, int depth) {
        JsonNode resource = template.path("Resources").path(logicalId);
        if (!resource.isObject()) {
            problems.add(
                    path,
                    Shown.quoted(logicalId)
                            + " is no resource of the template"
                            + ConfigObject.didYouMean(logicalId, namesIn("Resources")));
            return Optional.empty();
        }
        String type = resource.path("Type").asText();
        Optional<String> name = physicalName(logicalId, resource, depth);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (attribute.equals("Arn")) {
            String arn =
                    switch (type) {
                        case "AWS::Kinesis::Stream" -> arn("kinesis", "stream/" + name.get());
                        case "AWS::KinesisFirehose::DeliveryStream" ->
                                arn("firehose", "deliverystream/" + name.get());
                        case "AWS::S3::Bucket" -> "arn:aws:s3:::" + name.get();
                        case "AWS::IAM::Role" -> "arn:aws:iam::" + ACCOUNT + ":role/" + name.get();
                        case "AWS::Lambda::Function" -> arn("lambda", "function:" + name.get());
                        case "AWS::Logs::LogGroup" -> arn("logs", "log-group:" + name.get() + ":*");
                        default -> null;
                    };
            if (arn != null) {
                return Optional.of(arn);
            }
        }
        problems.add(
                path,
                "the attribute "
                        + Shown.quoted(attribute)
                        + " of "
                        + Shown.quoted(logicalId)
                        + " ("
                        + Shown.redacted(type)
                        + ") is known only to a deployed stack; flink-kda makes the Arn of Kinesis"
                        + " streams, Firehose delivery streams, S3 buckets, IAM roles, Lambda"
                        + " functions and log groups. Write the value here");
        return Optional.empty();
    }

    private String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + ACCOUNT + ":" + resource;
    }

    /** {@code Fn::Sub}: {@code "text ${Name} ${Resource.Attr} ${!Literal}"}, or [text, {vars}]. */
    private JsonNode sub(JsonNode argument, String path, int depth) {
        JsonNode text = argument;
        JsonNode variables = NODES.objectNode();
        String textPath = path;
        if (argument.isArray()) {
            if (argument.size() != 2 || !argument.get(1).isObject()) {
                problems.add(path, "expected a string or [string, {variables}]");
                return missing();
            }
            text = argument.get(0);
            textPath = path + "[0]";
            variables = resolve(argument.get(1), path + "[1]", depth);
        }
        if (!text.isTextual()) {
            problems.add(textPath, "expected a string, found " + ConfigObject.found(text));
            return missing();
        }
        String template = text.textValue();
        StringBuilder result = new StringBuilder();
        int at = 0;
        while (true) {
            int open = template.indexOf("${", at);
            if (open < 0) {
                result.append(template.substring(at));
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                problems.add(textPath, "a ${ without its }");
                return missing();
            }
            result.append(template, at, open);
            String name = template.substring(open + 2, close).strip();
            if (name.startsWith("!")) {
                result.append("${").append(name.substring(1)).append('}');
            } else {
                Optional<String> value = subVariable(name, variables, textPath, depth);
                if (value.isEmpty()) {
                    return missing();
                }
                result.append(value.get());
            }
            at = close + 1;
        }
        return NODES.textNode(result.toString());
    }

    private Optional<String> subVariable(String name, JsonNode variables, String path, int depth) {
        JsonNode value;
        if (variables.has(name)) {
            value = variables.get(name);
        } else if (name.contains(".") && !name.startsWith("AWS::")) {
            String[] parts = name.split("\\.", 2);
            return getAtt(parts[0], parts[1], path, depth);
        } else {
            value = ref(name, path, depth);
        }
        if (value.isMissingNode()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            problems.add(path, "${" + name + "} is not a single value");
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    private JsonNode join(JsonNode argument, String path, int depth) {
        JsonNode arguments = resolve(argument, path, depth);
        if (!arguments.isArray()
                || arguments.size() != 2
                || !arguments.get(0).isTextual()
                || !arguments.get(1).isArray()) {
            problems.add(path, "expected [delimiter, [values]]");
            return missing();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : arguments.get(1)) {
            if (!part.isValueNode()) {
                problems.add(path, "joins " + ConfigObject.found(part) + "; expected values");
                return missing();
            }
            parts.add(part.asText());
        }
        return NODES.textNode(String.join(arguments.get(0).textValue(), parts));
    }

    private JsonNode select(JsonNode argument, String path, int depth) {
        JsonNode arguments = resolve(argument, path, depth);
        if (!arguments.isArray() || arguments.size() != 2 || !arguments.get(1).isArray()) {
            problems.add(path, "expected [index, [values]]");
            return missing();
        }
        int index;
        try {
            index = Integer.parseInt(arguments.get(0).asText());
        } catch (NumberFormatException e) {
            problems.add(
                    path, "the index " + ConfigObject.found(arguments.get(0)) + " is no number");
            return missing();
        }
        if (index < 0 || index >= arguments.get(1).size()) {
            problems.add(
                    path,
                    "index " + index + " of a list of " + arguments.get(1).size() + " values");
            return missing();
        }
        return arguments.get(1).get(index);
    }

    private JsonNode split(JsonNode argument, String path, int depth) {
        JsonNode arguments = resolve(argument, path, depth);
        if (!arguments.isArray()
                || arguments.size() != 2
                || !arguments.get(0).isTextual()
                || !arguments.get(1).isValueNode()) {
            problems.add(path, "expected [delimiter, text]");
            return missing();
        }
        ArrayNode parts = NODES.arrayNode();
        String text = arguments.get(1).asText();
        String delimiter = arguments.get(0).textValue();
        int at = 0;
        while (!delimiter.isEmpty()) {
            int next = text.indexOf(delimiter, at);
            if (next < 0) {
                break;
            }
            parts.add(text.substring(at, next));
            at = next + delimiter.length();
        }
        parts.add(text.substring(at));
        return parts;
    }

    private JsonNode findInMap(JsonNode argument, String path, int depth) {
        JsonNode arguments = resolve(argument, path, depth);
        if (!arguments.isArray() || arguments.size() != 3) {
            problems.add(path, "expected [MapName, TopLevelKey, SecondLevelKey]");
            return missing();
        }
        JsonNode value =
                template.path("Mappings")
                        .path(arguments.get(0).asText())
                        .path(arguments.get(1).asText())
                        .path(arguments.get(2).asText());
        if (value.isMissingNode()) {
            problems.add(
                    path,
                    "the template's Mappings have no "
                            + Shown.quoted(arguments.get(0).asText())
                            + " > "
                            + Shown.quoted(arguments.get(1).asText())
                            + " > "
                            + Shown.quoted(arguments.get(2).asText()));
            return missing();
        }
        return value;
    }

    private Optional<String> text(JsonNode argument, String path, int depth) {
        JsonNode value = resolve(argument, path, depth);
        if (value.isMissingNode()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            problems.add(path, "expected a string, found " + ConfigObject.found(value));
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    /** The names of the template's parameters, resources …: its sections' keys. */
    private List<String> namesIn(String... sections) {
        List<String> names = new ArrayList<>();
        for (String section : sections) {
            template.path(section).fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private static JsonNode missing() {
        return MissingNode.getInstance();
    }
}
