package dev.flinkkda.kda.json;

import dev.flinkkda.kda.format.JsonPath;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSONPaths of an input's slots merged into one tree, so that a record is read in one pass of a
 * streaming parser ({@link JsonRecordReader}) that descends only where some path goes and skips the
 * rest.
 *
 * <p>A node stands for the values one path prefix selects. It has the slots that take its value
 * (exactly: a mapping's path; or by name: a column without mapping, matched exactly, else ignoring
 * case), the keys and indexes below it, and {@code [0:]}: either the whole array as one value (a
 * path's last step) or each element (followed by more steps; the elements of the {@linkplain
 * Node#flattens flattened} array are rows).
 */
final class JsonPathTree implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One path prefix. */
    static final class Node implements Serializable {
        private static final long serialVersionUID = 1L;
        private static final int[] NONE = {};

        /** The node of each key, compared exactly. */
        final Map<String, Node> fields = new HashMap<>();

        /** Lower-case key -> the slots that a key equal to it ignoring case fills. */
        final Map<String, int[]> ignoringCase = new HashMap<>();

        /**
         * Key -> the slots it fills only ignoring case although some path names it exactly (e.g. a
         * column EVENT_TIME next to the ROWTIME field event_time), so that an exact hit needs no
         * lower-casing.
         */
        final Map<String, int[]> alsoIgnoringCase = new HashMap<>();

        /** The slots that take this node's value. */
        int[] slots = NONE;

        /** The slots that take this node's value when it is an array (a path ending in [0:]). */
        int[] arraySlots = NONE;

        /** The node of each element below [0:] followed by more steps; null if none. */
        Node elements;

        /** The node of element {@code [n]}, merged with {@link #elements}. */
        final Map<Integer, Node> indexes = new HashMap<>();

        /** Whether this array's elements are the rows of the record. */
        boolean flattens;

        private boolean finished;

        boolean hasFields() {
            return !fields.isEmpty() || !ignoringCase.isEmpty();
        }

        boolean hasElements() {
            return elements != null || !indexes.isEmpty();
        }

        /** The node of element {@code index}, or null if no path goes there. */
        Node element(int index) {
            if (indexes.isEmpty()) {
                return elements;
            }
            Node node = indexes.get(index);
            return node != null ? node : elements;
        }

        private Node field(String name) {
            return fields.computeIfAbsent(name, k -> new Node());
        }
    }

    private final Node root = new Node();

    /** The root, {@code $}. */
    Node root() {
        return root;
    }

    /**
     * Adds a slot that takes the value at {@code path}.
     *
     * @param byName whether the last step (a key) also matches keys equal to it ignoring case
     * @param flattened the prefix of the array whose elements are rows, or null
     */
    void add(JsonPath path, int slot, boolean byName, JsonPath flattened) {
        Node node = root;
        List<JsonPath.Step> steps = path.steps();
        for (int i = 0; i < steps.size(); i++) {
            JsonPath.Step step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (step instanceof JsonPath.Field field) {
                if (last && byName) {
                    node.ignoringCase.merge(
                            field.name().toLowerCase(Locale.ROOT),
                            new int[] {slot},
                            JsonPathTree::concat);
                }
                node = node.field(field.name());
            } else if (step instanceof JsonPath.Index index) {
                node = node.indexes.computeIfAbsent(index.index(), k -> new Node());
            } else if (last) {
                node.arraySlots = concat(node.arraySlots, new int[] {slot});
                return;
            } else {
                if (flattened != null && flattened.steps().size() == i + 1) {
                    node.flattens = true;
                }
                if (node.elements == null) {
                    node.elements = new Node();
                }
                node = node.elements;
            }
        }
        node.slots = concat(node.slots, new int[] {slot});
    }

    /**
     * Ends the building: merges {@code [n]} with {@code [0:]}, indexes the case-insensitive keys.
     */
    void finish() {
        finish(root);
    }

    private static void finish(Node node) {
        if (node.finished) {
            return;
        }
        node.finished = true;
        for (Map.Entry<String, Node> exact : node.fields.entrySet()) {
            int[] ignoring = node.ignoringCase.get(exact.getKey().toLowerCase(Locale.ROOT));
            if (ignoring != null) {
                int[] extra =
                        Arrays.stream(ignoring)
                                .filter(slot -> !contains(exact.getValue().slots, slot))
                                .toArray();
                if (extra.length > 0) {
                    node.alsoIgnoringCase.put(exact.getKey(), extra);
                }
            }
        }
        node.fields.values().forEach(JsonPathTree::finish);
        if (node.elements != null) {
            finish(node.elements);
            for (Map.Entry<Integer, Node> index : new ArrayList<>(node.indexes.entrySet())) {
                node.indexes.put(index.getKey(), merged(index.getValue(), node.elements));
            }
        }
        node.indexes.values().forEach(JsonPathTree::finish);
    }

    /** A node with the slots and children of both. */
    private static Node merged(Node a, Node b) {
        Node both = new Node();
        both.slots = concat(a.slots, b.slots);
        both.arraySlots = concat(a.arraySlots, b.arraySlots);
        both.flattens = a.flattens || b.flattens;
        a.ignoringCase.forEach((k, v) -> both.ignoringCase.merge(k, v, JsonPathTree::concat));
        b.ignoringCase.forEach((k, v) -> both.ignoringCase.merge(k, v, JsonPathTree::concat));
        for (String key : union(a.fields.keySet(), b.fields.keySet())) {
            Node fromA = a.fields.get(key);
            Node fromB = b.fields.get(key);
            both.fields.put(
                    key, fromA == null ? fromB : fromB == null ? fromA : merged(fromA, fromB));
        }
        if (a.elements != null || b.elements != null) {
            both.elements =
                    a.elements == null
                            ? b.elements
                            : b.elements == null ? a.elements : merged(a.elements, b.elements);
        }
        for (Integer index : union(a.indexes.keySet(), b.indexes.keySet())) {
            Node fromA = a.indexes.get(index);
            Node fromB = b.indexes.get(index);
            both.indexes.put(
                    index, fromA == null ? fromB : fromB == null ? fromA : merged(fromA, fromB));
        }
        return both;
    }

    private static <T> List<T> union(java.util.Set<T> a, java.util.Set<T> b) {
        List<T> all = new ArrayList<>(a);
        for (T t : b) {
            if (!a.contains(t)) {
                all.add(t);
            }
        }
        return all;
    }

    /** The slots of both, each once. */
    static int[] concat(int[] a, int[] b) {
        int[] both = Arrays.copyOf(a, a.length + b.length);
        int n = a.length;
        for (int slot : b) {
            if (!contains(a, slot)) {
                both[n++] = slot;
            }
        }
        return n == both.length ? both : Arrays.copyOf(both, n);
    }

    private static boolean contains(int[] slots, int slot) {
        for (int s : slots) {
            if (s == slot) {
                return true;
            }
        }
        return false;
    }
}
