package dev.flinkkda.kda.format;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JSONPath of KDA's dialect, parsed: where a column's value (a {@code RecordColumn}'s {@code
 * Mapping}) or an input's rows (a {@code JSONMappingParameters}' {@code RecordRowPath}) are in a
 * JSON record.
 *
 * <p>KDA's developer guide ("Working with JSONPath") documents {@code $} (the record), {@code
 * $.name} and {@code $.parent.child.grandchild} (nested fields; names are case-sensitive) and the
 * array expression {@code [0:]}, "currently the only index expression supported": last in a path it
 * is the whole array as one value, followed by more steps it flattens the array, each element
 * giving a row. flink-kda also reads two forms of standard JSONPath that KDA did not document, so
 * that a key with a dot or a bracket can be named and one element picked: an array index {@code
 * [n]} ({@code $.readings[2].temp}) and a bracketed name {@code ['a.b']} or {@code ["a.b"]} (with
 * {@code \'}, {@code \"} and {@code \\} escapes).
 *
 * <p>A dotted name runs up to the next {@code .} or {@code [}; it may not be empty, hold white
 * space or {@code ]}, or be {@code *}. Recursive descent ({@code ..}), wildcards ({@code *}),
 * filters, slices other than {@code [0:]} and negative indexes are not JSONPath that KDA reads:
 * {@link #parse} rejects them with a {@link JsonPathException} that gives the 1-based column.
 *
 * @param steps what the path selects, from the record down
 */
public record JsonPath(List<Step> steps) implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final JsonPath ROOT = new JsonPath(List.of());

    /** One step of a path. */
    public sealed interface Step extends Serializable {}

    /**
     * The value of an object's key.
     *
     * @param name the key, compared exactly (case-sensitive)
     */
    public record Field(String name) implements Step {
        public Field {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return isPlainName(name) ? "." + name : "['" + escaped(name) + "']";
        }
    }

    /**
     * One element of an array.
     *
     * @param index from 0
     */
    public record Index(int index) implements Step {
        public Index {
            if (index < 0) {
                throw new IllegalArgumentException("a negative index: " + index);
            }
        }

        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    /** {@code [0:]}: every element of an array. */
    public record EveryElement() implements Step {
        @Override
        public String toString() {
            return "[0:]";
        }
    }

    public JsonPath {
        steps = List.copyOf(steps);
    }

    /** {@code $}: the whole record. */
    public static JsonPath root() {
        return ROOT;
    }

    /**
     * Parses a path.
     *
     * @throws JsonPathException naming the 1-based column where the path stops being KDA's JSONPath
     *     and what was expected there
     */
    public static JsonPath parse(String text) {
        return new Parser(Objects.requireNonNull(text, "text")).path();
    }

    /** This path followed by the key {@code name}. */
    public JsonPath field(String name) {
        return append(new Field(name));
    }

    /** This path followed by {@code [0:]}. */
    public JsonPath everyElement() {
        return append(new EveryElement());
    }

    private JsonPath append(Step step) {
        List<Step> longer = new ArrayList<>(steps);
        longer.add(step);
        return new JsonPath(longer);
    }

    /** Whether this is {@code $}. */
    public boolean isRoot() {
        return steps.isEmpty();
    }

    /** Whether this path's first steps are {@code prefix}'s (a path starts with itself). */
    public boolean startsWith(JsonPath prefix) {
        return steps.size() >= prefix.steps.size()
                && steps.subList(0, prefix.steps.size()).equals(prefix.steps);
    }

    /**
     * The path up to its first {@code [0:]} that more steps follow, included (the array it flattens
     * into rows); -1 if it flattens none.
     */
    public int flattenedLength() {
        for (int i = 0; i < steps.size() - 1; i++) {
            if (steps.get(i) instanceof EveryElement) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The first {@code length} steps. */
    public JsonPath prefix(int length) {
        return new JsonPath(steps.subList(0, length));
    }

    /** The path in JSONPath syntax, e.g. {@code $.orders[0:].orderId}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("$");
        steps.forEach(text::append);
        return text.toString();
    }

    private static boolean isPlainName(String name) {
        if (name.isEmpty() || name.equals("*")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '[' || c == ']' || c == '\'' || c == '"' || isSpace(c)) {
                return false;
            }
        }
        return true;
    }

    private static String escaped(String name) {
        return name.replace("\\", "\\\\").replace("'", "\\'");
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** A recursive-descent parser of one path; positions in messages count from 1. */
    private static final class Parser {
        private final String text;
        private final List<Step> steps = new ArrayList<>();
        private int position;

        Parser(String text) {
            this.text = text;
        }

        JsonPath path() {
            if (text.isEmpty()) {
                throw error(0, "expected '$' (a path starts at the record, '$'), found the end");
            }
            if (text.charAt(0) != '$') {
                throw error(0, "expected '$' (a path starts at the record, '$'), found " + here());
            }
            position = 1;
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c == '.') {
                    dottedName();
                } else if (c == '[') {
                    bracket();
                } else {
                    throw error(position, "expected '.' or '[', found " + here());
                }
            }
            return new JsonPath(steps);
        }

        private void dottedName() {
            position++; // the '.'
            if (position < text.length() && text.charAt(position) == '.') {
                throw error(
                        position,
                        "expected a name after '.', found '.' (recursive descent '..' is not"
                                + " KDA's JSONPath)");
            }
            int start = position;
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c == '.' || c == '[') {
                    break;
                }
                if (c == ']' || isSpace(c)) {
                    throw error(position, "expected a name, '.' or '[', found " + here());
                }
                position++;
            }
            String name = text.substring(start, position);
            if (name.isEmpty()) {
                throw error(
                        start,
                        "expected a name after '.', found "
                                + (start < text.length() ? here(start) : "the end"));
            }
            if (name.equals("*")) {
                throw error(
                        start,
                        "expected a name; the wildcard '*' is not KDA's JSONPath (use [0:])");
            }
            steps.add(new Field(name));
        }

        private void bracket() {
            int open = position++;
            if (position >= text.length()) {
                throw error(position, "expected an index, '0:' or a quoted name, found the end");
            }
            char c = text.charAt(position);
            if (c == '\'' || c == '"') {
                steps.add(new Field(quotedName(c)));
            } else if (c >= '0' && c <= '9') {
                int start = position;
                while (position < text.length() && isDigit(text.charAt(position))) {
                    position++;
                }
                String digits = text.substring(start, position);
                if (position < text.length() && text.charAt(position) == ':') {
                    position++;
                    if (!digits.equals("0")
                            || (position < text.length() && text.charAt(position) != ']')) {
                        throw error(
                                start,
                                "expected '0:' (every element: the only slice KDA reads), found '"
                                        + text.substring(start, Math.min(closing(), text.length()))
                                        + "'");
                    }
                    steps.add(new EveryElement());
                } else {
                    if (digits.length() > 1 && digits.charAt(0) == '0') {
                        throw error(start, "expected an index without leading zeros");
                    }
                    int index;
                    try {
                        index = Integer.parseInt(digits);
                    } catch (NumberFormatException e) {
                        throw error(start, "expected an index up to " + Integer.MAX_VALUE);
                    }
                    steps.add(new Index(index));
                }
            } else if (c == '*') {
                throw error(
                        position,
                        "expected an index, '0:' or a quoted name; the wildcard '*' is not KDA's"
                                + " JSONPath (use [0:])");
            } else {
                throw error(
                        position,
                        "expected an index, '0:' or a quoted name, found "
                                + here()
                                + (c == '-' || c == '?' || c == '(' || c == ':'
                                        ? " (only [0:] and [n] are read)"
                                        : ""));
            }
            if (position >= text.length()) {
                throw error(position, "expected ']' to close the '[' at column " + (open + 1));
            }
            if (text.charAt(position) != ']') {
                throw error(position, "expected ']', found " + here());
            }
            position++;
        }

        private String quotedName(char quote) {
            int open = position++;
            StringBuilder name = new StringBuilder();
            while (position < text.length()) {
                char c = text.charAt(position++);
                if (c == quote) {
                    return name.toString();
                }
                if (c == '\\') {
                    if (position >= text.length()) {
                        break;
                    }
                    char escaped = text.charAt(position++);
                    if (escaped != '\'' && escaped != '"' && escaped != '\\') {
                        throw error(
                                position - 2,
                                "expected \\', \\\" or \\\\ (the escapes of a quoted name), found"
                                        + " '\\"
                                        + escaped
                                        + "'");
                    }
                    name.append(escaped);
                } else {
                    name.append(c);
                }
            }
            throw error(open, "expected the quoted name to be closed by " + quote);
        }

        private int closing() {
            int end = text.indexOf(']', position);
            return end < 0 ? text.length() : end;
        }

        private String here() {
            return here(position);
        }

        private String here(int at) {
            return "'" + text.charAt(at) + "'";
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private JsonPathException error(int at, String reason) {
            return new JsonPathException(text, at + 1, reason);
        }
    }
}
