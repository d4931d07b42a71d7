package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.format.JsonPath;
import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.options.ArrivalTimeMode;
import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.sql.analysis.RelationColumn;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.flinkkda.kda.sql.emit.FlinkSqlEmitter.name;
import static dev.flinkkda.kda.sql.emit.FlinkSqlEmitter.qualified;
import static dev.flinkkda.kda.sql.emit.FlinkSqlEmitter.string;

/**
 * An input stream as Flink SQL: a {@code CREATE TABLE} with the real connector (Kinesis or files)
 * and format (JSON or CSV), whose columns are the stream's ({@link
 * StreamDefinition#readableColumns}, {@code ROWTIME} its event-time attribute); when the records
 * need more (nested JSON fields, a {@code ROWTIME} field that is no column, an arrival time that
 * falls back to {@code ROWTIME}), a table {@code STREAM__RECORDS} of the records and a view of the
 * stream's name over it.
 *
 * <p>A {@code [0:]} array whose elements are rows ({@code RecordRowPath $.orders[0:]}, or mappings
 * {@code $.orders[0:].id}) is the view's {@code LEFT JOIN UNNEST}, one row of NULLs for an empty or
 * missing array as KDA. What Flink's formats cannot read as KDA does ({@code [n]}, an array read
 * whole as one value, a second array, CSV with a delimiter of several characters or rows split by
 * anything but a line break) makes the input {@link #unreadable}: its pumps need flink-kda's
 * runner.
 */
final class InputTable {

    /** The suffix of the records' table when a view of the stream's name is over it. */
    static final String RECORDS_SUFFIX = "__RECORDS";

    private static final String ALIAS = "r";

    /** The alias of the flattened array's element. */
    private static final String ELEMENT_ALIAS = "e";

    private InputTable() {}

    /** Why Flink SQL cannot read this input's records as flink-kda does, if it cannot. */
    static Optional<String> unreadable(InputSpec input) {
        if (input.location() instanceof StreamLocation.Kinesis kinesis
                && kinesis.settings().shards().isPresent()) {
            return Optional.of(
                    "flink-kda's Kinesis input: the in-application stream reads shards "
                            + kinesis.settings().shards().get()
                            + " of the stream (InputParallelism.Count), which Flink's kinesis"
                            + " table does not split");
        }
        if (input.format() instanceof RecordFormat.Json json) {
            List<JsonPath> paths = new ArrayList<>(json.columnMappings().values());
            paths.add(json.recordRowPath());
            Optional<List<JsonPath.Step>> array = Optional.empty();
            for (int i = 0; i < paths.size(); i++) {
                JsonPath path = paths.get(i);
                List<JsonPath.Step> steps = path.steps();
                int every = steps.indexOf(new JsonPath.EveryElement());
                boolean onlyFields =
                        steps.stream()
                                .allMatch(
                                        s ->
                                                s instanceof JsonPath.Field
                                                        || s instanceof JsonPath.EveryElement);
                boolean oneArray = every == steps.lastIndexOf(new JsonPath.EveryElement());
                List<JsonPath.Step> prefix = every < 0 ? null : steps.subList(0, every);
                boolean sameArray = prefix == null || array.map(prefix::equals).orElse(true);
                // the row path ends in [0:]; a mapping ending in it reads the array whole
                boolean rowPath = i == paths.size() - 1;
                boolean flattens =
                        every < 0
                                || (rowPath ? every == steps.size() - 1 : every < steps.size() - 1);
                if (!onlyFields || !oneArray || !sameArray || !flattens) {
                    return Optional.of(
                            "flink-kda's record reader: the JSONPath "
                                    + path
                                    + " reads an array as Flink's json format does not ([n] an"
                                    + " element, an array whole as one value, or more than one"
                                    + " [0:] array); Flink SQL unnests one [0:] array into rows");
                }
                if (prefix != null) {
                    array = Optional.of(prefix);
                }
            }
            return Optional.empty();
        }
        RecordFormat.Csv csv = (RecordFormat.Csv) input.format();
        if (csv.columnDelimiter().length() != 1) {
            return Optional.of(
                    "flink-kda's record reader: the CSV column delimiter "
                            + string(csv.columnDelimiter())
                            + " has several characters; Flink's csv format takes one");
        }
        if (!csv.rowDelimiter().equals("\n")) {
            return Optional.of(
                    "flink-kda's record reader: CSV rows delimited by "
                            + string(csv.rowDelimiter())
                            + "; Flink's csv format reads one row per line or record");
        }
        return Optional.empty();
    }

    /**
     * The statements that define the input's table (and view): see the class comment.
     *
     * @throws IllegalStateException if the input is {@link #unreadable}
     */
    static String render(InputSpec input, StreamDefinition stream) {
        unreadable(input)
                .ifPresent(
                        r -> {
                            throw new IllegalStateException(stream.name() + " needs " + r);
                        });
        Columns columns = new Columns();
        Set<String> rootFields = rootFields(input, stream);
        for (RelationColumn column : stream.readableColumns()) {
            String name = column.name();
            if (name.equals(StreamDefinition.ROWTIME)) {
                rowtime(input, rootFields, columns);
            } else if (name.equals(ArrivalTimeMode.COLUMN)) {
                arrivalTime(input, rootFields, columns);
            } else {
                dataColumn(input, column, columns);
            }
        }
        Optional<String> watermark = Optional.empty();
        if (input.rowtime().isEventTime()) {
            // flink-kda's watermark: the greatest ROWTIME minus the delay minus 1 ms
            watermark =
                    Optional.of(
                            "WATERMARK FOR "
                                    + name(StreamDefinition.ROWTIME)
                                    + " AS "
                                    + name(StreamDefinition.ROWTIME)
                                    + " - "
                                    + FlinkSqlEmitter.interval(
                                            input.watermarkDelay()
                                                    .plus(Duration.ofMillis(1))
                                                    .toMillis()));
        }
        boolean view = columns.needsView();
        String tableName = view ? stream.name() + RECORDS_SUFFIX : stream.name();
        List<String> notes = new ArrayList<>();
        notes.add(
                "input stream "
                        + name(stream.name())
                        + ": "
                        + input.location().label()
                        + ", "
                        + describe(input.format())
                        + ", ROWTIME "
                        + input.rowtime()
                        + (input.rowtime().isEventTime()
                                ? " (watermark delay " + input.watermarkDelay().toMillis() + " ms)"
                                : "")
                        + ", APPROXIMATE_ARRIVAL_TIME "
                        + input.arrivalTime());
        Map<String, String> options = new LinkedHashMap<>();
        if (input.location() instanceof StreamLocation.Kinesis kinesis) {
            KinesisTableOptions kinesisOptions = KinesisTableOptions.of(kinesis, true);
            options.putAll(kinesisOptions.options());
            notes.addAll(kinesisOptions.notes());
        } else {
            StreamLocation.File file = (StreamLocation.File) input.location();
            options.put("connector", "filesystem");
            options.put("path", file.path().toAbsolutePath().normalize().toString());
        }
        formatOptions(input.format(), options);
        if (input.format() instanceof RecordFormat.Csv
                && input.location() instanceof StreamLocation.Kinesis) {
            notes.add(
                    "Flink's csv format reads a Kinesis record as one row: records that hold"
                            + " several rows need flink-kda run");
        }
        StringBuilder sql =
                new StringBuilder(
                        new TableDdl(
                                        tableName,
                                        notes,
                                        columns.tableColumns(),
                                        watermark,
                                        List.of(),
                                        options)
                                .render());
        if (view) {
            sql.append("CREATE TEMPORARY VIEW ")
                    .append(name(stream.name()))
                    .append(" AS\nSELECT ")
                    .append(String.join(", ", columns.viewItems()))
                    .append("\nFROM ")
                    .append(name(tableName))
                    .append(" AS ")
                    .append(name(ALIAS))
                    .append(columns.unnest())
                    .append(";\n");
        }
        return sql.toString();
    }

    private static String describe(RecordFormat format) {
        if (format instanceof RecordFormat.Json json) {
            return json.columnMappings().isEmpty() && json.recordRowPath().isRoot()
                    ? "JSON (a key per column)"
                    : "JSON (RecordRowPath " + json.recordRowPath() + ", JSONPath mappings)";
        }
        return "CSV (column delimiter "
                + string(((RecordFormat.Csv) format).columnDelimiter())
                + ")";
    }

    private static void formatOptions(RecordFormat format, Map<String, String> options) {
        if (format instanceof RecordFormat.Csv csv) {
            options.put("format", "csv");
            options.put("csv.field-delimiter", csv.columnDelimiter());
            // an empty field is NULL, as flink-kda reads an unquoted one
            options.put("csv.null-literal", "");
        } else {
            options.put("format", "json");
        }
    }

    /**
     * The record's top-level fields that are columns of the table as they are: a {@code ROWTIME} or
     * arrival-time field (a key of the record's root, as flink-kda reads it) that is one of them
     * needs no column of its own. With CSV, every column.
     */
    private static Set<String> rootFields(InputSpec input, StreamDefinition stream) {
        Set<String> fields = new HashSet<>();
        for (RelationColumn column : stream.readableColumns()) {
            String name = column.name();
            if (name.equals(StreamDefinition.ROWTIME) || name.equals(ArrivalTimeMode.COLUMN)) {
                continue;
            }
            if (!(input.format() instanceof RecordFormat.Json json)
                    || isRootField(path(json, name), name)) {
                fields.add(name);
            }
        }
        return fields;
    }

    /** The JSONPath steps a column's value is found under, from the record's root. */
    private static List<JsonPath.Step> path(RecordFormat.Json json, String name) {
        JsonPath mapping = json.columnMappings().get(name);
        if (mapping != null) {
            return mapping.steps();
        }
        List<JsonPath.Step> path = new ArrayList<>(json.recordRowPath().steps());
        path.add(new JsonPath.Field(name));
        return path;
    }

    private static boolean isRootField(List<JsonPath.Step> path, String name) {
        return path.size() == 1 && path.get(0).equals(new JsonPath.Field(name));
    }

    private static void dataColumn(InputSpec input, RelationColumn column, Columns columns) {
        String name = column.name();
        if (input.format() instanceof RecordFormat.Json json) {
            List<JsonPath.Step> path = path(json, name);
            int every = path.indexOf(new JsonPath.EveryElement());
            if (every >= 0) {
                columns.element(
                        name,
                        fields(path.subList(0, every)),
                        fields(path.subList(every + 1, path.size())),
                        column.type());
            } else if (isRootField(path, name)) {
                columns.physical(name, column.type());
            } else {
                columns.nested(name, fields(path), column.type());
            }
        } else {
            columns.physical(name, column.type());
        }
    }

    private static List<String> fields(List<JsonPath.Step> steps) {
        List<String> names = new ArrayList<>();
        steps.forEach(s -> names.add(((JsonPath.Field) s).name()));
        return names;
    }

    private static void rowtime(InputSpec input, Set<String> rootFields, Columns columns) {
        String rowtime = name(StreamDefinition.ROWTIME);
        RowtimeMode mode = input.rowtime();
        switch (mode.kind()) {
            case ARRIVAL ->
                    // one column per metadata key: both from the arrival time, ROWTIME computed
                    columns.direct(
                            StreamDefinition.ROWTIME,
                            input.arrivalTime().kind() == ArrivalTimeMode.Kind.ARRIVAL
                                    ? rowtime + " AS " + name(ArrivalTimeMode.COLUMN)
                                    : rowtime + " TIMESTAMP(3) METADATA FROM 'timestamp' VIRTUAL");
            case PROCESSING -> columns.direct(StreamDefinition.ROWTIME, rowtime + " AS PROCTIME()");
            default -> {
                String field = mode.fieldName();
                if (field.equals(StreamDefinition.ROWTIME)) {
                    columns.direct(StreamDefinition.ROWTIME, rowtime + " TIMESTAMP(3)");
                } else {
                    if (!rootFields.contains(field)) {
                        columns.hidden(name(field) + " TIMESTAMP(3)");
                    }
                    columns.direct(
                            StreamDefinition.ROWTIME,
                            rowtime + " AS CAST(" + name(field) + " AS TIMESTAMP(3))");
                }
            }
        }
    }

    private static void arrivalTime(InputSpec input, Set<String> rootFields, Columns columns) {
        String column = ArrivalTimeMode.COLUMN;
        ArrivalTimeMode mode = input.arrivalTime();
        String rowtime = "CAST(" + qualified(ALIAS, StreamDefinition.ROWTIME) + " AS TIMESTAMP(3))";
        switch (mode.kind()) {
            case ARRIVAL ->
                    columns.direct(
                            column,
                            name(column) + " TIMESTAMP(3) METADATA FROM 'timestamp' VIRTUAL");
            case ROWTIME -> columns.expression(column, rowtime);
            default -> {
                String field = mode.fieldName();
                if (!rootFields.contains(field) || field.equals(column)) {
                    columns.hidden(name(field) + " TIMESTAMP(3)");
                }
                // a record without the field takes its ROWTIME
                columns.expression(
                        column,
                        "COALESCE(CAST("
                                + qualified(ALIAS, field)
                                + " AS TIMESTAMP(3)), "
                                + rowtime
                                + ")");
            }
        }
    }

    /** The table's columns and the view's items, in the stream's order. */
    private static final class Columns {
        private final List<String> table = new ArrayList<>();
        private final List<String> hidden = new ArrayList<>();
        private final List<String> view = new ArrayList<>();
        private final Map<String, NestedField> nested = new LinkedHashMap<>();
        private final NestedField element = NestedField.branch(ELEMENT_ALIAS);
        private List<String> flattened;
        private boolean expressions;

        void physical(String name, DataType type) {
            direct(name, name(name) + " " + FlinkSqlEmitter.type(type));
        }

        void direct(String name, String definition) {
            table.add(definition);
            view.add(qualified(ALIAS, name));
        }

        void hidden(String definition) {
            if (!hidden.contains(definition)) {
                hidden.add(definition);
            }
        }

        void expression(String name, String expression) {
            expressions = true;
            view.add(expression + " AS " + name(name));
        }

        void nested(String name, List<String> path, DataType type) {
            NestedField root =
                    nested.computeIfAbsent(path.get(0), k -> NestedField.branch(path.get(0)));
            root.add(path.subList(1, path.size()), type, name);
            StringBuilder access = new StringBuilder(qualified(ALIAS, path.get(0)));
            path.subList(1, path.size()).forEach(f -> access.append('.').append(name(f)));
            expression(name, access.toString());
        }

        /**
         * A column read from each element of the flattened array at {@code array}, {@code inside}
         * it.
         */
        void element(String name, List<String> array, List<String> inside, DataType type) {
            if (flattened != null && !flattened.equals(array)) {
                throw new IllegalStateException("one array is flattened");
            }
            flattened = array;
            element.add(inside, type, name);
            StringBuilder access = new StringBuilder(qualified(ELEMENT_ALIAS, inside.get(0)));
            inside.subList(1, inside.size()).forEach(f -> access.append('.').append(name(f)));
            expression(name, access.toString());
        }

        boolean needsView() {
            return expressions || !hidden.isEmpty() || !nested.isEmpty();
        }

        List<String> tableColumns() {
            if (flattened != null) {
                DataType array = DataTypes.ARRAY(element.dataType());
                if (flattened.size() == 1) {
                    table.add(name(flattened.get(0)) + " " + FlinkSqlEmitter.type(array));
                } else {
                    nested.computeIfAbsent(
                                    flattened.get(0), k -> NestedField.branch(flattened.get(0)))
                            .add(flattened.subList(1, flattened.size()), array, "[0:]");
                }
            }
            List<String> all = new ArrayList<>(table);
            nested.values().forEach(n -> all.add(name(n.name()) + " " + n.type()));
            all.addAll(hidden);
            return all;
        }

        /**
         * {@code LEFT JOIN UNNEST(r.array) AS e (fields) ON TRUE}: a row per element, and one row
         * of NULLs for an empty or missing array (KDA: "an array is always flattened to at least
         * one row"); nothing without a flattened array.
         */
        String unnest() {
            if (flattened == null) {
                return "";
            }
            StringBuilder access = new StringBuilder(qualified(ALIAS, flattened.get(0)));
            flattened.subList(1, flattened.size()).forEach(f -> access.append('.').append(name(f)));
            List<String> quoted = new ArrayList<>();
            element.fieldNames().forEach(f -> quoted.add(name(f)));
            return "\nLEFT JOIN UNNEST("
                    + access
                    + ") AS "
                    + name(ELEMENT_ALIAS)
                    + " ("
                    + String.join(", ", quoted)
                    + ") ON TRUE";
        }

        List<String> viewItems() {
            return view;
        }
    }
}
