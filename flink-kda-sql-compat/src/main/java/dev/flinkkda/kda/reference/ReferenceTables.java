package dev.flinkkda.kda.reference;

import dev.flinkkda.kda.schema.KdaColumn;
import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.sql.analysis.StreamColumn;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.analysis.StreamKind;
import dev.flinkkda.kda.sql.emit.FlinkSqlEmitter;
import dev.flinkkda.kda.sql.types.KdaTypes;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.types.DataType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * KDA reference tables from files, registered for the translated application's lookup joins.
 *
 * <p>KDA loads an application's reference table from S3 when the application starts; pumps join
 * their stream with it ({@code FROM "SOURCE_SQL_STREAM_001" LEFT JOIN "CompanyName" AS "c" ON …}).
 * The translator plans such a join as a Flink lookup join on the table named exactly as in KDA
 * ({@code JOIN `CompanyName` FOR SYSTEM_TIME AS OF `s`.`__PROC_TIME` AS `c` ON …}); {@link
 * #register} creates that table, a temporary table of the {@value
 * ReferenceFileTableFactory#IDENTIFIER} connector, before the plan is executed:
 *
 * <pre>{@code
 * ReferenceTables.register(
 *         tableEnv,
 *         "CompanyName",
 *         KdaSchema.parse("\"Ticker\" VARCHAR(4), \"Company\" VARCHAR(64)"),
 *         Path.of("companies.csv"),
 *         ReferenceFormat.csv().withHeader(true));
 * }</pre>
 *
 * <p>{@code register} reads the file once to check it, so that a bad value fails at once with
 * {@code file:line: column X: …} (a {@link ReferenceDataException}), before any job is submitted;
 * the job's lookup operator loads it again when it starts. As in KDA, the table does not change
 * while the application runs.
 */
public final class ReferenceTables {

    private ReferenceTables() {}

    /**
     * Registers a reference table as the temporary table {@code tableName}, its name taken as is
     * (KDA names are case-sensitive once folded or quoted: {@code CompanyName}, not {@code
     * COMPANYNAME}).
     *
     * @param columns the table's columns, in the file's order for CSV
     * @throws ReferenceDataException if the file cannot be read or a record does not fit the
     *     columns
     * @throws IllegalArgumentException for a column a file cannot fill (e.g. named {@code ROWTIME})
     */
    public static void register(
            TableEnvironment tableEnv,
            String tableName,
            KdaSchema columns,
            Path file,
            ReferenceFormat format) {
        register(tableEnv, tableName, columns, ReferenceSource.file(file), format);
    }

    /**
     * Registers a reference table read from a file or an S3 object, as {@link
     * #register(TableEnvironment, String, KdaSchema, Path, ReferenceFormat)} does: the source is
     * read once here to check it, before any job is submitted, and again by the job's lookup
     * operator when it starts.
     *
     * @throws ReferenceDataException if the source cannot be read (for S3: no such bucket or key,
     *     access denied…, naming {@code s3://BUCKET/KEY}) or a record does not fit the columns
     */
    public static void register(
            TableEnvironment tableEnv,
            String tableName,
            KdaSchema columns,
            ReferenceSource source,
            ReferenceFormat format) {
        TableDescriptor descriptor = descriptor(columns, source, format);
        DataType rowType = columns.rowDataType();
        try {
            ReferenceFileTableFactory.reader(
                            Configuration.fromMap(descriptor.getOptions()), rowType)
                    .read();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "reference table \"" + tableName + "\": " + e.getMessage(), e);
        }
        tableEnv.createTemporaryTable(FlinkSqlEmitter.name(tableName), descriptor);
    }

    /**
     * Registers the reference table the application was analysed with, under its name.
     *
     * @param table a {@link StreamKind#REFERENCE_TABLE}, e.g. {@link
     *     StreamDefinition#referenceTable}
     * @see #register(TableEnvironment, String, KdaSchema, Path, ReferenceFormat)
     */
    public static void register(
            TableEnvironment tableEnv, StreamDefinition table, Path file, ReferenceFormat format) {
        register(tableEnv, table.name(), schemaOf(table), file, format);
    }

    /**
     * The columns of a reference table the application was analysed with, as a file fills them.
     *
     * @throws IllegalArgumentException for a column a file cannot fill (e.g. named {@code ROWTIME})
     */
    public static KdaSchema schemaOf(StreamDefinition table) {
        if (table.kind() != StreamKind.REFERENCE_TABLE) {
            throw new IllegalArgumentException(
                    "\"" + table.name() + "\" is " + table.kind() + ", not a reference table");
        }
        String where = "reference table \"" + table.name() + "\": ";
        List<KdaColumn> columns = new ArrayList<>();
        for (StreamColumn column : table.columns()) {
            try {
                ReferenceColumns.requireNotRowtime(column.name());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
            DataType type;
            try {
                type = KdaTypes.toFlink(column.type());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        where + "column " + column.name() + ": " + e.getMessage(), e);
            }
            columns.add(new KdaColumn(column.name(), KdaTypes.toText(column.type()), type));
        }
        return KdaSchema.of(columns);
    }

    /**
     * The table {@link #register} creates: the columns, and the options {@code connector} = {@value
     * ReferenceFileTableFactory#IDENTIFIER}, {@code path} (absolute) and the format's ({@link
     * ReferenceFormat#options()}).
     */
    public static TableDescriptor descriptor(KdaSchema columns, Path file, ReferenceFormat format) {
        return descriptor(columns, ReferenceSource.file(file), format);
    }

    /**
     * The table {@link #register} creates: the columns, and the options {@code connector} = {@value
     * ReferenceFileTableFactory#IDENTIFIER}, the source's ({@link
     * ReferenceFileTableFactory#options(ReferenceSource)}: {@code path}, for S3 {@code s3.region}…)
     * and the format's ({@link ReferenceFormat#options()}).
     */
    public static TableDescriptor descriptor(
            KdaSchema columns, ReferenceSource source, ReferenceFormat format) {
        Schema.Builder schema = Schema.newBuilder();
        for (KdaColumn column : columns.columns()) {
            schema.column(column.name(), column.dataType());
        }
        TableDescriptor.Builder descriptor =
                TableDescriptor.forConnector(ReferenceFileTableFactory.IDENTIFIER)
                        .schema(schema.build());
        for (Map.Entry<String, String> option :
                ReferenceFileTableFactory.options(source).entrySet()) {
            descriptor.option(option.getKey(), option.getValue());
        }
        for (Map.Entry<String, String> option : format.options().entrySet()) {
            descriptor.option(option.getKey(), option.getValue());
        }
        return descriptor.build();
    }
}
