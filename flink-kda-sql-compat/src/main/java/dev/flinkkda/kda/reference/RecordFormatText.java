package dev.flinkkda.kda.reference;

import dev.flinkkda.kda.format.JsonPath;
import dev.flinkkda.kda.format.RecordFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link RecordFormat} as the text of one connector option, so that a reference table's format
 * travels in its {@code CREATE TABLE} options: {@code {"type":"JSON","rowPath":"$",
 * "mappings":{"NAME":"$.name"}}} or {@code {"type":"CSV","columnDelimiter":",",
 * "rowDelimiter":"\n"}}.
 */
final class RecordFormatText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordFormatText() {}

    static String write(RecordFormat format) {
        ObjectNode node = JSON.createObjectNode();
        if (format instanceof RecordFormat.Csv csv) {
            node.put("type", "CSV");
            node.put("columnDelimiter", csv.columnDelimiter());
            node.put("rowDelimiter", csv.rowDelimiter());
        } else {
            RecordFormat.Json json = (RecordFormat.Json) format;
            node.put("type", "JSON");
            node.put("rowPath", json.recordRowPath().toString());
            ObjectNode mappings = node.putObject("mappings");
            json.columnMappings().forEach((column, path) -> mappings.put(column, path.toString()));
        }
        return node.toString();
    }

    /**
     * @throws IllegalArgumentException naming the option, for a text that is no record format
     */
    static RecordFormat read(String option, String text) {
        try {
            JsonNode node = JSON.readTree(text);
            String type = node.path("type").asText("");
            if (type.equals("CSV")) {
                return RecordFormat.csv(
                        required(node, "columnDelimiter"), required(node, "rowDelimiter"));
            }
            if (!type.equals("JSON")) {
                throw new IllegalArgumentException("\"type\" must be \"JSON\" or \"CSV\"");
            }
            Map<String, JsonPath> mappings = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.path("mappings").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> mapping = it.next();
                mappings.put(mapping.getKey(), JsonPath.parse(mapping.getValue().asText()));
            }
            return RecordFormat.json(JsonPath.parse(required(node, "rowPath")), mappings);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "option '" + option + "' is no record format: " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing");
        }
        return value.asText();
    }
}
