package dev.flinkkda.kda.reference;

import dev.flinkkda.kda.aws.AwsSettings;
import dev.flinkkda.kda.aws.S3ObjectLocation;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>A {@code path} of {@code s3://BUCKET/KEY} is an S3 object, read with the AWS SDK v2 S3 client
 * (as KDA's {@code S3ReferenceDataSource}), with the optional {@code s3.endpoint}, {@code
 * s3.region} and {@code s3.profile} ({@link dev.flinkkda.kda.aws.AwsSettings}: by default AWS's
 * endpoint, {@code $AWS_REGION} and the default credentials chain; no credentials for an endpoint
 * on 127.0.0.1). Other URIs go through Flink's file systems.
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

    /** The endpoint of an {@code s3://} path, e.g. an emulator's; by default AWS's. */
    public static final ConfigOption<String> S3_ENDPOINT =
            ConfigOptions.key("s3.endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The S3 endpoint of an s3:// path, http(s)://host[:port]; by default"
                                    + " AWS's.");

    /** The region of an {@code s3://} path. */
    public static final ConfigOption<String> S3_REGION =
            ConfigOptions.key("s3.region")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The region of an s3:// path's bucket; by default $AWS_REGION,"
                                    + " $AWS_DEFAULT_REGION or us-east-1.");

    /** The AWS profile whose credentials read an {@code s3://} path. */
    public static final ConfigOption<String> S3_PROFILE =
            ConfigOptions.key("s3.profile")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The profile of the AWS shared credentials files that reads an s3://"
                                    + " path; by default the AWS default credentials chain.");

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
    /**
     * KDA's {@code ReferenceSchema} record format (format {@code kda-records}): {@code
     * {"type":"JSON","rowPath":"$","mappings":{"NAME":"$.name"}}} or {@code
     * {"type":"CSV","columnDelimiter":",","rowDelimiter":"\n"}}.
     */
    public static final ConfigOption<String> RECORD_FORMAT =
            ConfigOptions.key("kda.record-format")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "For format 'kda-records': KDA's record format as JSON, e.g."
                                    + " {\"type\":\"JSON\",\"rowPath\":\"$\",\"mappings\":{\"NAME\":\"$.name\"}}");

    public static final ConfigOption<Boolean> CSV_HEADER =
            ConfigOptions.key("csv.header")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Whether the first CSV record is a header, skipped.");

    private static final List<ConfigOption<?>> CSV_OPTIONS =
            List.of(CSV_FIELD_DELIMITER, CSV_QUOTE_CHARACTER, CSV_HEADER);

    private static final List<ConfigOption<String>> S3_OPTIONS =
            List.of(S3_ENDPOINT, S3_REGION, S3_PROFILE);

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
        return Set.of(
                FORMAT,
                CSV_FIELD_DELIMITER,
                CSV_QUOTE_CHARACTER,
                CSV_HEADER,
                RECORD_FORMAT,
                S3_ENDPOINT,
                S3_REGION,
                S3_PROFILE);
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
        return new ReferenceFileReader(source(options), format(options), schema);
    }

    /**
     * The file or S3 object the options name: {@code path}, and for an {@code s3://} path the
     * {@code s3.…} options.
     *
     * @throws IllegalArgumentException for an {@code s3://} path without a key, an {@code s3.…}
     *     option with another path, or a setting that is refused (a credential)
     */
    static ReferenceSource source(ReadableConfig options) {
        String path = options.get(PATH);
        if (!S3ObjectLocation.isS3(path)) {
            for (ConfigOption<String> s3Option : S3_OPTIONS) {
                if (options.getOptional(s3Option).isPresent()) {
                    throw new IllegalArgumentException(
                            "option '" + s3Option.key() + "' applies to an s3:// path only");
                }
            }
            return ReferenceSource.file(path);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (ConfigOption<String> s3Option : S3_OPTIONS) {
            options.getOptional(s3Option)
                    .ifPresent(value -> settings.put(s3Option.key().substring(3), value));
        }
        return ReferenceSource.s3(
                S3ObjectLocation.parse(path, AwsSettings.of(settings, false, Set.of())));
    }

    /**
     * The connector options of a source: {@code path}, and for an S3 object the {@code s3.…}
     * options of its settings.
     */
    public static Map<String, String> options(ReferenceSource source) {
        Map<String, String> options = new LinkedHashMap<>();
        if (source instanceof ReferenceSource.S3Source s3) {
            AwsSettings settings = s3.object().settings();
            options.put(PATH.key(), s3.object().uri());
            settings.endpointUrl().ifPresent(e -> options.put(S3_ENDPOINT.key(), e));
            options.put(S3_REGION.key(), settings.region());
            settings.profileName().ifPresent(p -> options.put(S3_PROFILE.key(), p));
        } else {
            options.put(PATH.key(), source.name());
        }
        return options;
    }

    /**
     * The format the options describe.
     *
     * @throws IllegalArgumentException naming the option that cannot be used
     */
    public static ReferenceFormat format(ReadableConfig options) {
        String format = options.get(FORMAT);
        if (format.equals(ReferenceFormat.formatName(ReferenceFormat.Kind.RECORDS))) {
            String text =
                    options.getOptional(RECORD_FORMAT)
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "format 'kda-records' needs option '"
                                                            + RECORD_FORMAT.key()
                                                            + "'"));
            return ReferenceFormat.records(RecordFormatText.read(RECORD_FORMAT.key(), text));
        }
        if (options.getOptional(RECORD_FORMAT).isPresent()) {
            throw new IllegalArgumentException(
                    "option '"
                            + RECORD_FORMAT.key()
                            + "' applies to format 'kda-records' only, but 'format' is '"
                            + format
                            + "'");
        }
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
                    "option '"
                            + FORMAT.key()
                            + "' must be 'csv', 'json' or 'kda-records', was '"
                            + format
                            + "'");
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
