package dev.flinkkda.kda.reference;

import dev.flinkkda.kda.format.JsonPath;
import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.json.JsonRecordParser;
import dev.flinkkda.kda.json.MalformedRecordException;
import dev.flinkkda.kda.json.RecordMapper;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.sql.parser.NotUtf8Exception;
import dev.flinkkda.kda.sql.parser.Utf8Text;

import org.apache.flink.types.Row;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Reads a whole reference file into rows of the table's columns.
 *
 * <p>Values are converted by KDA's rules for JSON values ({@link JsonRecordParser}): JSON lines as
 * they are; a CSV field as the JSON string of its text (so {@code 42}, {@code 4.2}, {@code true}
 * and {@code 2018-08-01 11:00:20} fill numeric, boolean and timestamp columns), an empty unquoted
 * field as {@code null}. A CSV record must have one field per column, in column order. A JSON
 * object gives each column the value of the key of its name (else of the key equal to it ignoring
 * case); missing keys are {@code NULL}, other keys are ignored.
 *
 * <p>The bytes come from a {@link ReferenceSource}: a file read through Flink's file systems (a
 * local path, or a URI of a file system the cluster has), or an S3 object read with the AWS SDK v2
 * client. They must be UTF-8; a byte order mark is skipped.
 */
final class ReferenceFileReader implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final JsonFactory JSON = new JsonFactory();

    private final ReferenceSource source;
    private final String path;
    private final ReferenceFormat format;
    private final KdaSchema schema;

    /**
     * @param source the file or S3 object
     * @param schema the table's columns
     */
    ReferenceFileReader(ReferenceSource source, ReferenceFormat format, KdaSchema schema) {
        this.source = Objects.requireNonNull(source, "source");
        this.path = source.name();
        this.format = Objects.requireNonNull(format, "format");
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /**
     * A reader of a file.
     *
     * @param path the file: a local path, or a URI of one of Flink's file systems
     */
    ReferenceFileReader(String path, ReferenceFormat format, KdaSchema schema) {
        this(ReferenceSource.file(path), format, schema);
    }

    /** The file's path or the object's {@code s3://BUCKET/KEY}, as messages name it. */
    String path() {
        return path;
    }

    ReferenceSource source() {
        return source;
    }

    ReferenceFormat format() {
        return format;
    }

    KdaSchema schema() {
        return schema;
    }

    /**
     * The file's rows, in file order: the columns' values as the Java objects of their types'
     * default conversion classes ({@code String}, {@code Integer}, {@code BigDecimal}, {@code
     * LocalDateTime}…).
     *
     * @throws ReferenceDataException for a file that cannot be read or a record that does not fit
     *     the columns: {@code path:line: column X: …}
     */
    List<Row> read() {
        String text = readText();
        if (format.kind() == ReferenceFormat.Kind.RECORDS) {
            return recordRows(text, format.recordFormat().orElseThrow());
        }
        JsonRecordParser parser = new JsonRecordParser(schema, RowtimeMode.processing());
        return format.kind() == ReferenceFormat.Kind.CSV
                ? csvRows(text, parser)
                : jsonRows(text, parser);
    }

    /** The rows of KDA's record format ({@link ReferenceFormat#records}). */
    private List<Row> recordRows(String text, RecordFormat records) {
        RecordMapper mapper = RecordMapper.of(schema, records);
        boolean oneDocument =
                records instanceof RecordFormat.Csv
                        || ((RecordFormat.Json) records)
                                .recordRowPath().steps().stream()
                                        .anyMatch(step -> step instanceof JsonPath.EveryElement);
        if (oneDocument) {
            return mapped(mapper, text, path);
        }
        List<Row> rows = new ArrayList<>();
        int line = 0;
        for (Iterator<String> it = text.lines().iterator(); it.hasNext(); ) {
            String record = it.next();
            line++;
            if (!record.isBlank()) {
                rows.addAll(mapped(mapper, record, path + ":" + line));
            }
        }
        return rows;
    }

    private static List<Row> mapped(RecordMapper mapper, String record, String where) {
        try {
            return mapper.rows(record);
        } catch (MalformedRecordException e) {
            throw new ReferenceDataException(where + ": " + e.getMessage());
        }
    }

    private List<Row> csvRows(String text, JsonRecordParser parser) {
        List<CsvRecords.CsvRecord> records =
                CsvRecords.parse(text, format.fieldDelimiter(), format.quoteCharacter(), path);
        List<Row> rows = new ArrayList<>(records.size());
        Iterator<CsvRecords.CsvRecord> it = records.iterator();
        if (format.header() && it.hasNext()) {
            it.next();
        }
        while (it.hasNext()) {
            CsvRecords.CsvRecord record = it.next();
            if (record.fields().size() != schema.size()) {
                throw new ReferenceDataException(
                        path
                                + ":"
                                + record.line()
                                + ": "
                                + record.fields().size()
                                + (record.fields().size() == 1 ? " field" : " fields")
                                + ", but the table has "
                                + schema.size()
                                + (schema.size() == 1 ? " column" : " columns")
                                + " ("
                                + String.join(", ", schema.columnNames())
                                + ")");
            }
            rows.add(parse(parser, asJsonObject(record.fields()), record.line()));
        }
        return rows;
    }

    private List<Row> jsonRows(String text, JsonRecordParser parser) {
        List<Row> rows = new ArrayList<>();
        int line = 0;
        for (Iterator<String> it = text.lines().iterator(); it.hasNext(); ) {
            String record = it.next();
            line++;
            if (!record.isBlank()) {
                rows.add(parse(parser, record, line));
            }
        }
        return rows;
    }

    private Row parse(JsonRecordParser parser, String json, int line) {
        try {
            return parser.parse(json);
        } catch (MalformedRecordException e) {
            throw new ReferenceDataException(path + ":" + line + ": " + e.getMessage());
        }
    }

    /** {@code {"column": "field", …}}: a CSV record in the shape the JSON coercion reads. */
    private String asJsonObject(List<String> fields) {
        StringWriter json = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(json)) {
            generator.writeStartObject();
            for (int i = 0; i < fields.size(); i++) {
                generator.writeFieldName(schema.columns().get(i).name());
                String value = fields.get(i);
                if (value == null) {
                    generator.writeNull();
                } else {
                    generator.writeString(value);
                }
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return json.toString();
    }

    private String readText() {
        byte[] bytes = source.readAll();
        try {
            return Utf8Text.decode(bytes, path);
        } catch (NotUtf8Exception e) {
            throw new ReferenceDataException(e.getMessage(), e);
        }
    }
}
