package dev.flinkkda.kda.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A configuration file's text as a JSON tree. JSON is read strictly (duplicate keys and trailing
 * text are errors); any other text as YAML, which {@code aws … --cli-input-yaml} and CloudFormation
 * templates use. CloudFormation's short forms ({@code !Ref x}, {@code !GetAtt a.b}, {@code !Sub …})
 * become their long forms ({@code {"Ref": "x"}}, {@code {"Fn::GetAtt": ["a", "b"]}}, {@code
 * {"Fn::Sub": …}}), as CloudFormation reads them.
 */
final class ConfigDocument {

    private static final ObjectMapper JSON =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
                    .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** CloudFormation's short-form tags whose long form is {@code Fn::NAME}. */
    private static final List<String> FUNCTIONS =
            List.of(
                    "Base64",
                    "Cidr",
                    "FindInMap",
                    "GetAZs",
                    "ImportValue",
                    "Join",
                    "Select",
                    "Split",
                    "Sub",
                    "Transform",
                    "And",
                    "Equals",
                    "If",
                    "Not",
                    "Or",
                    "Length",
                    "ToJsonString");

    /** More values than any application's configuration has: aliases that expand a bomb. */
    static final int MAX_VALUES = 200_000;

    /** Deeper than any configuration nests (Jackson's JSON limit is 1,000). */
    static final int MAX_DEPTH = 1_000;

    private ConfigDocument() {}

    /**
     * The file's tree, or a {@link ConfigException} naming {@code file:line:column}.
     *
     * @param file the name messages give the file
     */
    static JsonNode parse(String text, String file) {
        String start = text.stripLeading();
        if (start.isEmpty()) {
            throw ConfigException.of(
                    file
                            + ": empty; expected a JSON or YAML object (a CreateApplication"
                            + " request, the output of describe-application or a CloudFormation"
                            + " template)");
        }
        return start.startsWith("{") || start.startsWith("[") ? json(text, file) : yaml(text, file);
    }

    private static JsonNode json(String text, String file) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String position =
                    where == null ? "" : ":" + where.getLineNr() + ":" + where.getColumnNr();
            String detail = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
            int source = detail.indexOf(" (for ");
            if (source >= 0) {
                // "(for Array starting at [Source: …; line: 1, column: 12])": the position is given
                detail = detail.substring(0, source);
            }
            // Jackson's limits (nesting depth, lengths) name its own setting; the limit suffices
            detail = detail.replaceAll(", from `[^`]*`", "");
            throw ConfigException.of(file + position + ": not JSON: " + Shown.redacted(detail));
        }
    }

    private static JsonNode yaml(String text, String file) {
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(file).build()).composeString(text);
        } catch (MarkedYamlEngineException e) {
            String position =
                    e.getProblemMark()
                            .map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
                            .orElse("");
            throw ConfigException.of(
                    file
                            + position
                            + ": neither JSON nor YAML: "
                            + Shown.redacted(String.valueOf(e.getProblem())));
        } catch (YamlEngineException e) {
            throw ConfigException.of(
                    file + ": neither JSON nor YAML: " + Shown.redacted(e.getMessage()));
        } catch (StackOverflowError e) {
            throw tooDeep(file);
        }
        if (root.isEmpty()) {
            throw ConfigException.of(file + ": empty; expected a JSON or YAML object");
        }
        return new YamlTree(file).tree(root.get(), 0);
    }

    private static ConfigException tooDeep(String file) {
        return ConfigException.of(
                file + ": not YAML flink-kda reads: nested more than " + MAX_DEPTH + " levels");
    }

    /** YAML nodes to JSON values, counting them: an alias is its node again, copied. */
    private static final class YamlTree {
        private final String file;
        private int values;

        YamlTree(String file) {
            this.file = file;
        }

        private JsonNode tree(Node node, int depth) {
            if (++values > MAX_VALUES) {
                throw ConfigException.of(
                        file
                                + ": not YAML flink-kda reads: more than "
                                + MAX_VALUES
                                + " values (aliases of aliases?)");
            }
            if (depth > MAX_DEPTH) {
                throw tooDeep(file);
            }
            String tag = node.getTag().getValue();
            if (tag.startsWith("!") && !tag.startsWith("!!")) {
                return shortForm(tag.substring(1), node, depth);
            }
            if (node instanceof MappingNode mapping) {
                ObjectNode object = NODES.objectNode();
                for (NodeTuple entry : mapping.getValue()) {
                    if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                        throw ConfigException.of(
                                file + where(entry.getKeyNode()) + ": a key that is not text");
                    }
                    JsonNode value = tree(entry.getValueNode(), depth + 1);
                    if (object.has(key.getValue()) && !object.get(key.getValue()).equals(value)) {
                        // the same key with the same value twice (AWS's own YAML example has a
                        // Description twice) says nothing twice; with two values it is ambiguous
                        throw ConfigException.of(
                                file
                                        + where(key)
                                        + ": the key "
                                        + Shown.quoted(key.getValue())
                                        + " appears twice in one mapping, with two values");
                    }
                    object.set(key.getValue(), value);
                }
                return object;
            }
            if (node instanceof SequenceNode sequence) {
                ArrayNode array = NODES.arrayNode();
                sequence.getValue().forEach(element -> array.add(tree(element, depth + 1)));
                return array;
            }
            return scalar((ScalarNode) node);
        }

        /**
         * A scalar as YAML's core schema types it: a plain {@code 1} a number, {@code "1"} text.
         */
        private static JsonNode scalar(ScalarNode scalar) {
            Tag tag = scalar.getTag();
            String value = scalar.getValue();
            try {
                if (tag.equals(Tag.NULL)) {
                    return NODES.nullNode();
                }
                if (tag.equals(Tag.BOOL)) {
                    return NODES.booleanNode(value.equalsIgnoreCase("true"));
                }
                if (tag.equals(Tag.INT)) {
                    return NODES.numberNode(new BigInteger(value.replace("_", "")));
                }
                if (tag.equals(Tag.FLOAT)) {
                    return NODES.numberNode(new BigDecimal(value));
                }
            } catch (NumberFormatException e) {
                // .inf, 0x1F and other forms JSON has no number for: the text, as written
            }
            return NODES.textNode(value);
        }

        /**
         * {@code !Ref x}, {@code !GetAtt a.b}, {@code !Condition c}, {@code !Sub …} and the like.
         */
        private JsonNode shortForm(String name, Node node, int depth) {
            if (name.equals("Ref") || name.equals("Condition")) {
                return NODES.objectNode().set(name, tree(untagged(node), depth + 1));
            }
            if (name.equals("GetAtt") && node instanceof ScalarNode scalar) {
                // !GetAtt Resource.Attribute (an attribute may contain dots: split at the first)
                String[] parts = scalar.getValue().split("\\.", 2);
                ArrayNode arguments = NODES.arrayNode();
                Arrays.stream(parts).forEach(arguments::add);
                return NODES.objectNode().set("Fn::GetAtt", arguments);
            }
            if (name.equals("GetAtt") || FUNCTIONS.contains(name)) {
                return NODES.objectNode().set("Fn::" + name, tree(untagged(node), depth + 1));
            }
            throw ConfigException.of(
                    file
                            + where(node)
                            + ": the tag !"
                            + Shown.redacted(name)
                            + " is not one of CloudFormation's (!Ref, !GetAtt, !Sub, !Join …)");
        }
    }

    /** The node without its tag, read as YAML types it. */
    private static Node untagged(Node node) {
        if (node instanceof ScalarNode scalar) {
            return new ScalarNode(
                    Tag.STR,
                    true,
                    scalar.getValue(),
                    scalar.getScalarStyle(),
                    scalar.getStartMark(),
                    scalar.getEndMark());
        }
        node.setTag(node instanceof MappingNode ? Tag.MAP : Tag.SEQ);
        return node;
    }

    private static String where(Node node) {
        return node.getStartMark()
                .map((Mark m) -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
                .orElse("");
    }
}
