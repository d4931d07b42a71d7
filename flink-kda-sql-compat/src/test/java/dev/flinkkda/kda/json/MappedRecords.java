package dev.flinkkda.kda.json;

import dev.flinkkda.kda.format.JsonPath;
import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.options.ArrivalTimeMode;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.types.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: a record's outcome as lines, rows as {@code Row#toString}, errors named. */
final class MappedRecords {

    private MappedRecords() {}

    /** JSON mappings from {@code NAME=PATH} pairs, e.g. {@code "TEMP", "$.readings[0:].temp"}. */
    static RecordFormat.Json json(String rowPath, String... columnAndPath) {
        Map<String, JsonPath> mappings = new LinkedHashMap<>();
        for (int i = 0; i < columnAndPath.length; i += 2) {
            mappings.put(columnAndPath[i], JsonPath.parse(columnAndPath[i + 1]));
        }
        return RecordFormat.json(JsonPath.parse(rowPath), mappings);
    }

    static RecordMapper mapper(String schema, RecordFormat format) {
        return RecordMapper.of(KdaSchema.parse(schema), format);
    }

    static RecordMapper mapper(String schema, RecordFormat format, RowtimeMode rowtime) {
        return RecordMapper.of(
                KdaSchema.parse(schema), format, rowtime, ArrivalTimeMode.field("ARRIVAL"));
    }

    /**
     * What a record gives, in order: each row as {@code +I[a, b]}, each error as {@code
     * COERCION_ERROR: reason}.
     */
    static List<String> outcome(RecordMapper mapper, String record) {
        List<String> lines = new ArrayList<>();
        mapper.map(
                record,
                RawRecord.NO_ARRIVAL_TIME,
                new RecordMapper.Output() {
                    @Override
                    public void row(Row row) {
                        lines.add(row.toString());
                    }

                    @Override
                    public void error(MalformedRecordException error) {
                        lines.add(error.errorName() + ": " + error.getMessage());
                    }
                });
        return lines;
    }

    static List<String> outcome(String schema, RecordFormat format, String record) {
        return outcome(mapper(schema, format), record);
    }
}
