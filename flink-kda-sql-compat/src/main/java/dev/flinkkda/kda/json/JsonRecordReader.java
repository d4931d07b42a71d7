package dev.flinkkda.kda.json;

import dev.flinkkda.kda.format.JsonPath;
import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.format.RecordFormatException;
import dev.flinkkda.kda.options.ArrivalTimeMode;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.schema.KdaColumn;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.types.Row;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads KDA's JSON records ({@link RecordFormat.Json}) into rows, in one pass of a streaming parser
 * over the merged paths of the slots ({@link JsonPathTree}).
 *
 * <p>A column's value is at its mapping's JSONPath, from the record's root; a column without one
 * takes the key of its name in the row's object ({@code RecordRowPath}; the record for {@code $}),
 * else the key equal to it ignoring case. The {@code ROWTIME} and {@code APPROXIMATE_ARRIVAL_TIME}
 * fields are keys of the record (all rows of a record share them, as they share KDA's ingestion
 * time). A path that finds nothing gives {@code NULL}.
 *
 * <p>At most one array is flattened (KDA: "only one array can be flattened in a schema", one level
 * of {@code [0:]}): the one that the row path ends in, or that mappings follow {@code [0:]} into.
 * Each of its elements is a row; values outside it repeat on every row. An array that is empty or
 * missing, or whose elements hold none of the values sought, gives one row with those columns
 * {@code NULL} (KDA: "an array is always flattened to at least one row").
 */
final class JsonRecordReader implements RecordReader {

    private static final long serialVersionUID = 1L;

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonPathTree tree;
    private final boolean flattening;
    // Per slot, its index in an element's values, or -1; null without flattening.
    private final int[] elementSlots;
    private final int elementSlotCount;
    private final boolean rootTakesArrays;

    private transient FoundValues record;
    private transient List<FoundValues> elements;
    private transient int elementCount;
    private transient FoundValues element;
    private transient SlotSource source;

    JsonRecordReader(RecordFormat.Json format, RowAssembler assembler) {
        KdaSchema schema = assembler.schema();
        List<KdaColumn> columns = schema.columns();
        for (String mapped : format.columnMappings().keySet()) {
            if (schema.column(mapped).isEmpty()) {
                throw new RecordFormatException(
                        mapped,
                        "column "
                                + mapped
                                + ": a Mapping for a column the schema does not have; its columns"
                                + " are "
                                + columns.stream().map(KdaColumn::name).toList());
            }
        }
        JsonPath rowPath = format.recordRowPath();
        JsonPath[] paths = new JsonPath[assembler.slots()];
        boolean[] byName = new boolean[paths.length];
        String[] owners = new String[paths.length];
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).name();
            JsonPath mapping = format.columnMappings().get(name);
            if (i == assembler.declaredArrivalColumn()) {
                if (mapping != null) {
                    throw new RecordFormatException(
                            name,
                            "column "
                                    + name
                                    + ": is the record's arrival time ("
                                    + ArrivalTimeMode.COLUMN
                                    + "); it takes no Mapping");
                }
                continue;
            }
            paths[i] = mapping != null ? mapping : rowPath.field(name);
            byName[i] = mapping == null;
            owners[i] = mapping != null ? name : null;
        }
        RowtimeMode rowtime = assembler.rowtimeMode();
        if (assembler.rowtimeSlot() != RowAssembler.NO_SLOT) {
            paths[assembler.rowtimeSlot()] = JsonPath.root().field(rowtime.fieldName());
            byName[assembler.rowtimeSlot()] = true;
        }
        ArrivalTimeMode arrival = assembler.arrivalTimeMode();
        if (assembler.arrivalSlot() != RowAssembler.NO_SLOT) {
            paths[assembler.arrivalSlot()] = JsonPath.root().field(arrival.fieldName());
            byName[assembler.arrivalSlot()] = true;
        }

        JsonPath flattened = flattenedArray(rowPath, paths, owners);
        flattening = flattened != null;
        tree = new JsonPathTree();
        int[] inElement = new int[paths.length];
        int count = 0;
        for (int slot = 0; slot < paths.length; slot++) {
            inElement[slot] = -1;
            if (paths[slot] == null) {
                continue;
            }
            tree.add(paths[slot], slot, byName[slot], flattened);
            if (flattened != null
                    && paths[slot].steps().size() > flattened.steps().size()
                    && paths[slot].startsWith(flattened)) {
                inElement[slot] = count++;
            }
        }
        tree.finish();
        elementSlots = flattening ? inElement : null;
        elementSlotCount = count;
        JsonPathTree.Node root = tree.root();
        rootTakesArrays = root.hasElements() || root.arraySlots.length > 0;
    }

    /**
     * The array whose elements are the rows (its path, ending in {@code [0:]}), or null.
     *
     * @param owners per slot, the column whose Mapping the path is, null for a path made from the
     *     row path or a field name
     * @throws RecordFormatException for two arrays flattened, or {@code [0:]} twice on the way
     */
    private static JsonPath flattenedArray(JsonPath rowPath, JsonPath[] paths, String[] owners) {
        JsonPath flattened = null;
        String flattenedBy = null;
        List<JsonPath.Step> rowSteps = rowPath.steps();
        int rowFlattens = rowPath.flattenedLength();
        if (!rowSteps.isEmpty()
                && rowSteps.get(rowSteps.size() - 1) instanceof JsonPath.EveryElement
                && rowFlattens < 0) {
            flattened = rowPath;
        } else if (rowFlattens > 0) {
            flattened = rowPath.prefix(rowFlattens);
        }
        if (flattened != null) {
            flattenedBy = "RecordRowPath \"" + rowPath + "\"";
            checkOneLevel(rowPath, flattened, flattenedBy);
        }
        for (int slot = 0; slot < paths.length; slot++) {
            JsonPath path = paths[slot];
            if (path == null) {
                continue;
            }
            int length = path.flattenedLength();
            if (length < 0) {
                continue;
            }
            JsonPath array = path.prefix(length);
            String by =
                    owners[slot] == null
                            ? "RecordRowPath \"" + rowPath + "\""
                            : "column " + owners[slot] + "'s Mapping \"" + path + "\"";
            if (flattened == null) {
                flattened = array;
                flattenedBy = by;
            } else if (!array.equals(flattened)) {
                throw new RecordFormatException(
                        owners[slot],
                        (owners[slot] == null ? "" : "column " + owners[slot] + ": ")
                                + "Mapping \""
                                + path
                                + "\" flattens the array "
                                + array
                                + " into rows, but "
                                + flattenedBy
                                + " flattens "
                                + flattened
                                + "; only one array can be flattened in a schema (another array"
                                + " can be read whole, its path ending in [0:])");
            }
            try {
                checkOneLevel(
                        path,
                        flattened,
                        owners[slot] == null
                                ? "RecordRowPath \"" + rowPath + "\""
                                : "column " + owners[slot] + ": Mapping \"" + path + "\"");
            } catch (RecordFormatException e) {
                throw new RecordFormatException(owners[slot], e.getMessage());
            }
        }
        return flattened;
    }

    private static void checkOneLevel(JsonPath path, JsonPath flattened, String where) {
        List<JsonPath.Step> below =
                path.steps().subList(flattened.steps().size(), path.steps().size());
        for (int i = 0; i < below.size() - 1; i++) {
            if (below.get(i) instanceof JsonPath.EveryElement) {
                throw new RecordFormatException(
                        null,
                        where
                                + ": [0:] within a flattened array's element; KDA flattens one"
                                + " level only (a path may end in a second [0:], the inner array"
                                + " read whole)");
            }
        }
    }

    @Override
    public void read(String text, long arrivalTime, RowAssembler assembler, RecordMapper.Output out)
            throws MalformedRecordException {
        if (record == null) {
            record = new FoundValues(assembler.slots());
            elements = new ArrayList<>();
            source = new SlotSource(elementSlots);
        }
        record.clear();
        elementCount = 0;
        element = null;
        parse(text);
        if (!flattening) {
            out.row(assembler.row(source.of(record, null), arrivalTime, null));
            return;
        }
        RowAssembler.Times times = assembler.times(source.of(record, null), arrivalTime);
        boolean anyValue = false;
        for (int e = 0; e < elementCount && !anyValue; e++) {
            anyValue = elements.get(e).anyValue();
        }
        if (!anyValue) {
            out.row(assembler.row(source.of(record, null), arrivalTime, times));
            return;
        }
        for (int e = 0; e < elementCount; e++) {
            Row row;
            try {
                row = assembler.row(source.of(record, elements.get(e)), arrivalTime, times);
            } catch (MalformedRecordException error) {
                out.error(elementCount > 1 ? error.inRow(e + 1, elementCount) : error);
                continue;
            }
            out.row(row);
        }
    }

    private void parse(String text) throws MalformedRecordException {
        try (JsonParser json = JSON.createParser(text)) {
            JsonToken token = json.nextToken();
            if (token == null) {
                throw new MalformedRecordException("empty record");
            }
            if (token != JsonToken.START_OBJECT
                    && !(rootTakesArrays && token == JsonToken.START_ARRAY)) {
                throw new MalformedRecordException(
                        rootTakesArrays ? "not a JSON object or array" : "not a JSON object");
            }
            value(json, text, tree.root(), null, null);
            if (json.nextToken() != null) {
                throw new MalformedRecordException("more than one JSON value in the record");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("not JSON: " + jsonProblem(e));
        } catch (IOException e) {
            throw new MalformedRecordException("not JSON: " + e.getMessage());
        }
    }

    /**
     * Reads the value at the current token, descending where {@code node} has paths, and stores it
     * in the slots that take it.
     *
     * @param node the value's node, null if only {@code ignoringCase} slots take it
     * @param ignoringCase slots that take it by a key equal to theirs ignoring case, or null
     * @param key the value's key, null for an array element
     */
    private void value(
            JsonParser json, String text, JsonPathTree.Node node, int[] ignoringCase, String key)
            throws IOException {
        JsonValueKind kind = kindOf(json.currentToken());
        boolean structured = kind == JsonValueKind.OBJECT || kind == JsonValueKind.ARRAY;
        boolean capture =
                ignoringCase != null
                        || (node != null
                                && (node.slots.length > 0
                                        || (kind == JsonValueKind.ARRAY
                                                && node.arraySlots.length > 0)));
        String value = null;
        if (structured) {
            int start = capture ? (int) json.currentTokenLocation().getCharOffset() : 0;
            if (node != null && kind == JsonValueKind.OBJECT && node.hasFields()) {
                object(json, text, node);
            } else if (node != null && kind == JsonValueKind.ARRAY && node.hasElements()) {
                array(json, text, node);
            } else {
                json.skipChildren();
            }
            if (capture) {
                value = text.substring(start, (int) json.currentLocation().getCharOffset());
            }
        } else if (capture) {
            value = kind == JsonValueKind.NULL ? "null" : json.getText();
        }
        if (node != null && node.flattens && kind != JsonValueKind.ARRAY) {
            elementCount = 0; // not an array: no elements, the last occurrence counts
        }
        if (!capture) {
            return;
        }
        if (node != null) {
            for (int slot : node.slots) {
                store(slot, FoundValues.FOUND_EXACTLY, key, kind, value);
            }
            if (kind == JsonValueKind.ARRAY) {
                for (int slot : node.arraySlots) {
                    store(slot, FoundValues.FOUND_EXACTLY, key, kind, value);
                }
            }
        }
        if (ignoringCase != null) {
            for (int slot : ignoringCase) {
                store(slot, FoundValues.FOUND_IGNORING_CASE, key, kind, value);
            }
        }
    }

    private void object(JsonParser json, String text, JsonPathTree.Node node) throws IOException {
        Map<String, JsonPathTree.Node> fields = node.fields;
        boolean anyIgnoringCase = !node.ignoringCase.isEmpty();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String key = json.currentName();
            json.nextToken();
            JsonPathTree.Node child = fields.get(key);
            int[] ignoringCase = null;
            if (anyIgnoringCase) {
                ignoringCase =
                        child == null
                                ? node.ignoringCase.get(key.toLowerCase(Locale.ROOT))
                                : node.alsoIgnoringCase.get(key);
            }
            if (child == null && ignoringCase == null) {
                json.skipChildren();
                continue;
            }
            value(json, text, child, ignoringCase, key);
        }
    }

    private void array(JsonParser json, String text, JsonPathTree.Node node) throws IOException {
        boolean rows = node.flattens;
        if (rows) {
            elementCount = 0; // the last occurrence of a key counts
        }
        int index = 0;
        while (json.nextToken() != JsonToken.END_ARRAY) {
            JsonPathTree.Node child = node.element(index++);
            if (rows) {
                element = nextElement();
            }
            if (child == null) {
                json.skipChildren();
            } else {
                value(json, text, child, null, null);
            }
            element = null;
        }
    }

    private FoundValues nextElement() {
        FoundValues values;
        if (elementCount < elements.size()) {
            values = elements.get(elementCount);
            values.clear();
        } else {
            values = new FoundValues(elementSlotCount);
            elements.add(values);
        }
        elementCount++;
        return values;
    }

    private void store(int slot, byte how, String key, JsonValueKind kind, String value) {
        if (elementSlots != null && elementSlots[slot] >= 0) {
            if (element != null) {
                element.store(elementSlots[slot], how, key, kind, value);
            }
            return;
        }
        record.store(slot, how, key, kind, value);
    }

    private static JsonValueKind kindOf(JsonToken token) {
        switch (token) {
            case VALUE_NULL:
                return JsonValueKind.NULL;
            case VALUE_TRUE:
                return JsonValueKind.TRUE;
            case VALUE_FALSE:
                return JsonValueKind.FALSE;
            case VALUE_NUMBER_INT:
                return JsonValueKind.INTEGER;
            case VALUE_NUMBER_FLOAT:
                return JsonValueKind.DECIMAL;
            case VALUE_STRING:
                return JsonValueKind.STRING;
            case START_OBJECT:
                return JsonValueKind.OBJECT;
            case START_ARRAY:
                return JsonValueKind.ARRAY;
            default:
                throw new IllegalStateException("not a JSON value: " + token);
        }
    }

    /** Jackson's message without its location (the record is one line anyway). */
    private static String jsonProblem(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
