package dev.flinkkda.kda.config;

import dev.flinkkda.kda.sql.analysis.NearestName;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One JSON object of the configuration, read field by field against the shape AWS's API reference
 * gives it (its field names, which are required, their JSON types). Every deviation is recorded in
 * the file's {@link ConfigProblems} with its JSON path, and reading goes on, so that one run
 * reports every problem. A field that is missing or of the wrong type reads as absent.
 */
final class ConfigObject {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final JsonNode node;
    private final String path;
    private final String shape;
    private final ConfigProblems problems;
    // Not an object at all: that is the one problem reported; its fields are not.
    private final boolean notAnObject;

    private ConfigObject(
            JsonNode node,
            String path,
            String shape,
            ConfigProblems problems,
            boolean notAnObject) {
        this.node = node;
        this.path = path;
        this.shape = shape;
        this.problems = problems;
        this.notAnObject = notAnObject;
    }

    /**
     * The object at {@code path}, its fields checked against {@code fields}: an unknown field is a
     * problem that names the nearest known one.
     *
     * @param shape the AWS shape's name, for messages ({@code RecordColumn})
     * @param fields the shape's field names
     */
    static ConfigObject of(
            JsonNode node,
            String path,
            String shape,
            List<String> fields,
            ConfigProblems problems) {
        if (!node.isObject()) {
            problems.add(path, "expected " + article(shape) + " object, found " + found(node));
            return new ConfigObject(
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                    path,
                    shape,
                    problems,
                    true);
        }
        ConfigObject object = new ConfigObject(node, path, shape, problems, false);
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            String name = entries.next().getKey();
            if (!fields.contains(name)) {
                problems.add(
                        child(path, name),
                        "unknown field"
                                + didYouMean(name, fields)
                                + "; "
                                + article(shape)
                                + " has "
                                + String.join(", ", fields));
            }
        }
        return object;
    }

    /** The JSON path of this object. */
    String path() {
        return path;
    }

    /** The JSON path of a field of this object. */
    String pathOf(String field) {
        return child(path, field);
    }

    /** Whether the field is present (and not {@code null}). */
    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** A required string field; a problem if missing, not a string, or empty. */
    Optional<Located<String>> requiredString(String field) {
        return string(field, true);
    }

    /** An optional string field; a problem if not a string or empty. */
    Optional<Located<String>> optionalString(String field) {
        return string(field, false);
    }

    private Optional<Located<String>> string(String field, boolean required) {
        Optional<JsonNode> value = value(field, required, "a string");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isTextual()) {
            problems.add(pathOf(field), "expected a string, found " + found(value.get()));
            return Optional.empty();
        }
        String text = value.get().textValue();
        if (text.isEmpty()) {
            problems.add(pathOf(field), "is empty; expected at least one character");
            return Optional.empty();
        }
        return Optional.of(Located.at(pathOf(field), text));
    }

    /** An optional whole-number field within {@code [min, max]}. */
    OptionalInt optionalInt(String field, int min, int max, String why) {
        Optional<JsonNode> value = value(field, false, "a whole number");
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        JsonNode number = value.get();
        if (!number.isIntegralNumber()) {
            problems.add(
                    pathOf(field),
                    "expected a whole number from "
                            + min
                            + " to "
                            + max
                            + ", found "
                            + found(number));
            return OptionalInt.empty();
        }
        if (!number.canConvertToInt() || number.intValue() < min || number.intValue() > max) {
            problems.add(
                    pathOf(field),
                    number.asText() + " is out of range; expected " + min + " to " + max + why);
            return OptionalInt.empty();
        }
        return OptionalInt.of(number.intValue());
    }

    /** A field of any JSON type, its value not checked (timestamps, ids AWS adds). */
    void ignored(String field) {
        // present or not, of any type: nothing to check
    }

    /** A nested object, required or not. */
    Optional<ConfigObject> object(
            String field, boolean required, String shape, List<String> fields) {
        return value(field, required, article(shape) + " object")
                .map(value -> of(value, pathOf(field), shape, fields, problems));
    }

    /**
     * The elements of an array field, each read as an object of {@code shape}; empty if the field
     * is absent or not an array.
     *
     * @param minSize the fewest elements the shape allows (a problem below)
     */
    List<ConfigObject> objects(
            String field, boolean required, int minSize, String shape, List<String> fields) {
        Optional<JsonNode> value = value(field, required, "an array of " + shape + " objects");
        List<ConfigObject> elements = new ArrayList<>();
        if (value.isEmpty()) {
            return elements;
        }
        if (!value.get().isArray()) {
            problems.add(
                    pathOf(field),
                    "expected an array of " + shape + " objects, found " + found(value.get()));
            return elements;
        }
        if (value.get().size() < minSize) {
            problems.add(pathOf(field), "is empty; expected at least " + minSize + " " + shape);
        }
        for (int i = 0; i < value.get().size(); i++) {
            elements.add(
                    of(value.get().get(i), pathOf(field) + "[" + i + "]", shape, fields, problems));
        }
        return elements;
    }

    /** The strings of an array field, each located; empty if absent or not an array of strings. */
    List<Located<String>> strings(String field) {
        Optional<JsonNode> value = value(field, false, "an array of strings");
        List<Located<String>> elements = new ArrayList<>();
        if (value.isEmpty()) {
            return elements;
        }
        if (!value.get().isArray()) {
            problems.add(
                    pathOf(field), "expected an array of strings, found " + found(value.get()));
            return elements;
        }
        for (int i = 0; i < value.get().size(); i++) {
            JsonNode element = value.get().get(i);
            String elementPath = pathOf(field) + "[" + i + "]";
            if (element.isTextual() && !element.textValue().isEmpty()) {
                elements.add(Located.at(elementPath, element.textValue()));
            } else {
                problems.add(elementPath, "expected a non-empty string, found " + found(element));
            }
        }
        return elements;
    }

    /** Records a problem at a field of this object. */
    void problem(String field, String problem) {
        if (!notAnObject) {
            problems.add(pathOf(field), problem);
        }
    }

    /** Records a problem at this object. */
    void problem(String problem) {
        if (!notAnObject) {
            problems.add(path, problem);
        }
    }

    private Optional<JsonNode> value(String field, boolean required, String expected) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required && !notAnObject) {
                problems.addAbsence(
                        pathOf(field),
                        (value == null ? "missing" : "is null")
                                + "; "
                                + article(shape)
                                + " needs "
                                + field
                                + " ("
                                + expected
                                + ")");
            }
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** {@code " (did you mean KNOWN?)"} for the known name nearest {@code name}, or nothing. */
    static String didYouMean(String name, java.util.Collection<String> known) {
        return NearestName.of(name, known).map(n -> " (did you mean " + n + "?)").orElse("");
    }

    /** The JSON path of field {@code name} of the object at {@code path}. */
    static String child(String path, String name) {
        String shown = Shown.redacted(name);
        if (shown.equals(name) && PLAIN_NAME.matcher(name).matches()) {
            return path + "." + name;
        }
        // a name like an access key is not repeated either: $['***']
        return path + "['" + shown.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** What a JSON value is, for messages: {@code a string 'x'}, {@code the number 2}, … */
    static String found(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "the string " + Shown.quoted(value.textValue());
        }
        if (value.isNumber()) {
            return "the number " + Shown.redacted(value.asText());
        }
        if (value.isBoolean()) {
            return value.asText();
        }
        if (value.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String article(String noun) {
        return ("AEIOU".indexOf(Character.toUpperCase(noun.charAt(0))) >= 0 ? "an " : "a ") + noun;
    }
}
