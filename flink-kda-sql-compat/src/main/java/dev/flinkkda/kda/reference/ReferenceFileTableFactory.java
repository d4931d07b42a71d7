package dev.flinkkda.kda.reference;

import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;

import java.util.List;
import java.util.Set;

/**
 * The {@value #IDENTIFIER} connector: a KDA reference table read from a CSV or JSON-lines file,
 * usable in lookup joins. Found by Flink through {@code META-INF/services}, so that it also works
 * in DDL:
 *
 * <pre>{@code
 * CREATE TEMPORARY TABLE `CompanyName` (`Ticker` VARCHAR(4), `Company` VARCHAR(64)) WITH (
 *   'connector' = 'kda-reference-file',
 *   'path' = '/data/companies.csv',
 *   'format' = 'csv',                 -- or 'json' (JSON lines); default 'csv'
 *   'csv.field-delimiter' = ',',      -- one character, or '\t'; default ','
 *   'csv.quote-character' = '"',      -- default '"'
 *   'csv.header' = 'true'             -- skip the first record; default 'false'
 * )
 * }</pre>
 *
 * <p>The columns may have KDA's types (as Flink types: {@code VARCHAR(n)}, {@code INT}, {@code
 * DECIMAL(p, s)}, {@code TIMESTAMP(3)}…). The file is loaded when the job's lookup operator starts
 * ({@link ReferenceFileReader} says how values are read). Options are checked when the table is
 * planned; every error names the option, e.g. {@code reference table "CompanyName": option 'format'
 * must be 'csv' or 'json', was 'xml'}.
 */
public final class ReferenceFileTableFactory implements DynamicTableSourceFactory {

    /** The connector's name, the value of the {@code connector} option. */
    public static final String IDENTIFIER = "kda-reference-file";

    /** The file: a local path, or a URI of one of Flink's file systems. Required. */
    public static final ConfigOption<String> PATH =
            ConfigOptions.key("path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The reference file: a local path, or a URI of a file system Flink"
                                    + " has (e.g. s3://… with the S3 plugin).");

    /** {@code csv} or {@code json} (JSON lines). */
    public static final ConfigOption<String> FORMAT =
            ConfigOptions.key("format")
                    .stringType()
                    .defaultValue("csv")
                    .withDescription("The file's format: 'csv' or 'json' (JSON lines).");

    /** The CSV field delimiter: one character, or {@code \t} for a tab. */
    public static final ConfigOption<String> CSV_FIELD_DELIMITER =
            ConfigOptions.key("csv.field-delimiter")
                    .stringType()
                    .defaultValue(",")
                    .withDescription("The character between CSV fields; '\\t' stands for a tab.");

    /** The character around quoted CSV fields. */
    public static final ConfigOption<String> CSV_QUOTE_CHARACTER =
            ConfigOptions.key("csv.quote-character")
                    .stringType()
                    .defaultValue("\"")
                    .withDescription(
                            "The character around quoted CSV fields; written twice inside them"
                                    + " for itself.");

    /** Whether the first CSV record is a header line, skipped. */
    public static final ConfigOption<Boolean> CSV_HEADER =
            ConfigOptions.key("csv.header")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Whether the first CSV record is a header, skipped.");

    private static final List<ConfigOption<?>> CSV_OPTIONS =
            List.of(CSV_FIELD_DELIMITER, CSV_QUOTE_CHARACTER, CSV_HEADER);

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(PATH);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(FORMAT, CSV_FIELD_DELIMITER, CSV_QUOTE_CHARACTER, CSV_HEADER);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        // Flink's checks: a missing path, unknown options, csv.header not a boolean.
        helper.validate();
        String table = context.getObjectIdentifier().getObjectName();
        ReadableConfig options = helper.getOptions();
        DataType physicalRowType = context.getPhysicalRowDataType();
        ReferenceFileReader reader;
        try {
            reader = reader(options, physicalRowType);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("reference table \"" + table + "\": " + e.getMessage());
        }
        return new ReferenceFileTableSource(table, reader, physicalRowType);
    }

    /**
     * The reader of a table with these options and columns.
     *
     * @throws IllegalArgumentException naming the option or column that cannot be used
     */
    static ReferenceFileReader reader(ReadableConfig options, DataType physicalRowType) {
        String path = options.get(PATH);
        if (path.isBlank()) {
            throw new IllegalArgumentException("option '" + PATH.key() + "' is empty");
        }
        KdaSchema schema =
                ReferenceColumns.schema(
                        DataType.getFieldNames(physicalRowType),
                        DataType.getFieldDataTypes(physicalRowType));
        return new ReferenceFileReader(path, format(options), schema);
    }

    /**
     * The format the options describe.
     *
     * @throws IllegalArgumentException naming the option that cannot be used
     */
    public static ReferenceFormat format(ReadableConfig options) {
        String format = options.get(FORMAT);
        if (format.equals("json")) {
            for (ConfigOption<?> csvOption : CSV_OPTIONS) {
                if (options.getOptional(csvOption).isPresent()) {
                    throw new IllegalArgumentException(
                            "option '"
                                    + csvOption.key()
                                    + "' applies to format 'csv' only, but 'format' is 'json'");
                }
            }
            return ReferenceFormat.json();
        }
        if (!format.equals("csv")) {
            throw new IllegalArgumentException(
                    "option '" + FORMAT.key() + "' must be 'csv' or 'json', was '" + format + "'");
        }
        char delimiter =
                ReferenceFormat.optionCharacter(
                        CSV_FIELD_DELIMITER.key(), options.get(CSV_FIELD_DELIMITER));
        char quote =
                ReferenceFormat.optionCharacter(
                        CSV_QUOTE_CHARACTER.key(), options.get(CSV_QUOTE_CHARACTER));
        return ReferenceFormat.csv(delimiter, quote, options.get(CSV_HEADER));
    }
}
