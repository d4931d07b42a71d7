package dev.flinkkda.kda.config;

import dev.flinkkda.kda.format.RecordFormatType;
import dev.flinkkda.kda.schema.KdaColumn;
import dev.flinkkda.kda.schema.KdaNames;
import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.schema.KdaSchemaException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code SourceSchema} (an input's {@code InputSchema}, reference data's {@code
 * ReferenceSchema}): {@code RecordFormat} with its {@code MappingParameters}, {@code
 * RecordEncoding}, and {@code RecordColumns}, whose {@code SqlType}s are parsed as the runtime's
 * schemas are ({@link KdaSchema}, KDA's type names).
 */
final class SourceSchemaReader {

    static final List<String> SOURCE_SCHEMA =
            List.of("RecordFormat", "RecordEncoding", "RecordColumns");
    private static final List<String> RECORD_FORMAT =
            List.of("RecordFormatType", "MappingParameters");
    private static final List<String> MAPPING_PARAMETERS =
            List.of("JSONMappingParameters", "CSVMappingParameters");
    private static final List<String> JSON_MAPPING_PARAMETERS = List.of("RecordRowPath");
    private static final List<String> CSV_MAPPING_PARAMETERS =
            List.of("RecordRowDelimiter", "RecordColumnDelimiter");
    private static final List<String> RECORD_COLUMN = List.of("Name", "Mapping", "SqlType");

    /** AWS's RecordColumns allow 1 to 1,000 columns. */
    private static final int MAX_COLUMNS = 1000;

    private SourceSchemaReader() {}

    /** The schema of field {@code field} of {@code owner}, or empty after recording problems. */
    static Optional<ConfiguredSchema> read(ConfigObject owner, String field) {
        Optional<ConfigObject> schema = owner.object(field, true, "SourceSchema", SOURCE_SCHEMA);
        if (schema.isEmpty()) {
            return Optional.empty();
        }
        Optional<ConfiguredRecordFormat> format = recordFormat(schema.get());
        String encoding = "UTF-8";
        Optional<Located<String>> declared = schema.get().optionalString("RecordEncoding");
        if (declared.isPresent() && !declared.get().value().equals("UTF-8")) {
            schema.get()
                    .problem(
                            "RecordEncoding",
                            Shown.quoted(declared.get().value())
                                    + " is not supported; AWS allows only UTF-8");
        }
        List<ConfigObject> columnObjects =
                schema.get().objects("RecordColumns", true, 1, "RecordColumn", RECORD_COLUMN);
        if (columnObjects.size() > MAX_COLUMNS) {
            schema.get()
                    .problem(
                            "RecordColumns",
                            columnObjects.size() + " columns; AWS allows at most " + MAX_COLUMNS);
        }
        List<ConfiguredColumn> columns = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        boolean allRead = true;
        for (ConfigObject column : columnObjects) {
            Optional<ConfiguredColumn> read = column(column, seen);
            read.ifPresent(columns::add);
            allRead &= read.isPresent();
        }
        if (format.isEmpty() || !allRead || columns.isEmpty()) {
            return Optional.empty();
        }
        KdaSchema kdaSchema;
        try {
            kdaSchema = KdaSchema.of(columns.stream().map(ConfiguredColumn::column).toList());
        } catch (KdaSchemaException e) {
            schema.get().problem("RecordColumns", e.getMessage());
            return Optional.empty();
        }
        return Optional.of(
                new ConfiguredSchema(
                        format.get(), encoding, columns, kdaSchema, schema.get().path()));
    }

    private static Optional<ConfiguredRecordFormat> recordFormat(ConfigObject schema) {
        Optional<ConfigObject> format =
                schema.object("RecordFormat", true, "RecordFormat", RECORD_FORMAT);
        if (format.isEmpty()) {
            return Optional.empty();
        }
        Optional<RecordFormatType> type = recordFormatType(format.get(), "RecordFormatType");
        Optional<ConfigObject> parameters =
                format.get()
                        .object(
                                "MappingParameters",
                                false,
                                "MappingParameters",
                                MAPPING_PARAMETERS);
        String parametersPath = format.get().pathOf("MappingParameters");
        Optional<ConfigObject> json =
                parameters.flatMap(
                        p ->
                                p.object(
                                        "JSONMappingParameters",
                                        false,
                                        "JSONMappingParameters",
                                        JSON_MAPPING_PARAMETERS));
        Optional<ConfigObject> csv =
                parameters.flatMap(
                        p ->
                                p.object(
                                        "CSVMappingParameters",
                                        false,
                                        "CSVMappingParameters",
                                        CSV_MAPPING_PARAMETERS));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (type.get() == RecordFormatType.JSON) {
            csv.ifPresent(
                    c ->
                            c.problem(
                                    "CSVMappingParameters are for RecordFormatType CSV; a JSON"
                                            + " RecordFormat takes JSONMappingParameters"
                                            + " {RecordRowPath}"));
            Located<String> rowPath =
                    json.flatMap(j -> j.requiredString("RecordRowPath"))
                            .orElse(
                                    Located.at(
                                            parametersPath + ".JSONMappingParameters.RecordRowPath",
                                            "$"));
            return csv.isPresent()
                    ? Optional.empty()
                    : Optional.of(new ConfiguredRecordFormat.Json(rowPath, format.get().path()));
        }
        json.ifPresent(
                j ->
                        j.problem(
                                "JSONMappingParameters are for RecordFormatType JSON; a CSV"
                                        + " RecordFormat takes CSVMappingParameters"
                                        + " {RecordRowDelimiter, RecordColumnDelimiter}"));
        String csvPath = parametersPath + ".CSVMappingParameters";
        Located<String> column =
                csv.flatMap(c -> c.requiredString("RecordColumnDelimiter"))
                        .orElse(Located.at(csvPath + ".RecordColumnDelimiter", ","));
        Located<String> row =
                csv.flatMap(c -> c.requiredString("RecordRowDelimiter"))
                        .orElse(Located.at(csvPath + ".RecordRowDelimiter", "\n"));
        return json.isPresent()
                ? Optional.empty()
                : Optional.of(new ConfiguredRecordFormat.Csv(column, row, format.get().path()));
    }

    /** A {@code RecordFormatType} field: {@code JSON} or {@code CSV}. */
    static Optional<RecordFormatType> recordFormatType(ConfigObject object, String field) {
        Optional<Located<String>> text = object.requiredString(field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RecordFormatType.valueOf(text.get().value()));
        } catch (IllegalArgumentException e) {
            String hint =
                    text.get().value().toUpperCase(Locale.ROOT).equals(text.get().value())
                            ? ""
                            : " (in upper case)";
            object.problem(
                    field,
                    Shown.quoted(text.get().value())
                            + " is not a record format; expected JSON or CSV"
                            + hint);
            return Optional.empty();
        }
    }

    private static Optional<ConfiguredColumn> column(
            ConfigObject column, Map<String, String> seen) {
        Optional<Located<String>> name = column.requiredString("Name");
        Optional<Located<String>> mapping = column.optionalString("Mapping");
        Optional<Located<String>> sqlType = column.requiredString("SqlType");
        if (name.isEmpty() || sqlType.isEmpty()) {
            return Optional.empty();
        }
        String columnName = name.get().value();
        if (columnName.contains("\n") || columnName.contains("\r") || columnName.isBlank()) {
            column.problem(
                    "Name",
                    Shown.quoted(columnName)
                            + ": a column name cannot be blank or hold a line break");
            return Optional.empty();
        }
        if (columnName.equals(KdaSchema.ROWTIME)) {
            column.problem(
                    "Name",
                    "ROWTIME is the implicit time column of every stream; it cannot be a"
                            + " RecordColumn");
            return Optional.empty();
        }
        String previous = seen.putIfAbsent(columnName, name.get().jsonPath());
        if (previous != null) {
            column.problem(
                    "Name",
                    "duplicate column name "
                            + Shown.quoted(columnName)
                            + " (also at "
                            + previous
                            + ")");
            return Optional.empty();
        }
        Optional<KdaColumn> parsed = sqlType(column, columnName, sqlType.get().value());
        return parsed.map(c -> new ConfiguredColumn(name.get(), sqlType.get(), mapping, c));
    }

    /** The column {@code NAME SQLTYPE} as a schema text reads it, or a problem at SqlType. */
    private static Optional<KdaColumn> sqlType(ConfigObject column, String name, String sqlType) {
        String expected =
                "; expected one of KDA's SQL types, e.g. VARCHAR(4), INTEGER, BIGINT, DOUBLE,"
                        + " REAL, DECIMAL(8,2), BOOLEAN, DATE, TIMESTAMP";
        try {
            KdaSchema schema = KdaSchema.parse(KdaNames.toSql(name) + " " + sqlType);
            if (schema.size() == 1) {
                return Optional.of(schema.columns().get(0));
            }
        } catch (KdaSchemaException e) {
            String detail = e.getMessage().replaceFirst("^column \\d+: ", "");
            String prefix = "column " + KdaNames.toSql(name) + ": ";
            if (detail.startsWith(prefix)) {
                // a type the parser reads but Flink cannot hold (VARCHAR(0), INTERVAL …)
                column.problem(
                        "SqlType",
                        Shown.quoted(sqlType) + ": " + detail.substring(prefix.length()));
                return Optional.empty();
            }
        }
        column.problem("SqlType", Shown.quoted(sqlType) + " is not a KDA SQL type" + expected);
        return Optional.empty();
    }
}
