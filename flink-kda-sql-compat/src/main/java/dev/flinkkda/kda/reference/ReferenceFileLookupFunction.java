package dev.flinkkda.kda.reference;

import org.apache.flink.table.connector.RuntimeConverter;
import org.apache.flink.table.connector.source.DynamicTableSource.DataStructureConverter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.LookupFunction;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.types.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a reference table whose key columns equal a stream row's join keys.
 *
 * <p>{@link #open} loads the whole file into a hash map from key to rows, so that a bad file fails
 * the task as it starts, before it processes any stream row, and each lookup is one map access.
 * Keys with a {@code NULL} match nothing, as SQL's {@code =} says. Every parallel instance holds
 * its own copy of the table: reference tables are small.
 *
 * <p>Public only because the planner's generated code calls it; made by {@link
 * ReferenceFileTableFactory}'s table source.
 */
public final class ReferenceFileLookupFunction extends LookupFunction {

    private static final long serialVersionUID = 1L;

    private final ReferenceFileReader reader;
    private final int[] keyColumns;
    private final LogicalType[] keyTypes;
    private final DataStructureConverter toInternal;

    private transient Map<List<Object>, List<RowData>> rowsByKey;
    private transient RowData.FieldGetter[] lookupKeyFields;

    /**
     * @param keyColumns the table's columns the planner looks rows up by, in the order of the key
     *     rows' fields
     * @param keyTypes their types
     * @param toInternal from the reader's rows to the table's {@link RowData}
     */
    ReferenceFileLookupFunction(
            ReferenceFileReader reader,
            int[] keyColumns,
            LogicalType[] keyTypes,
            DataStructureConverter toInternal) {
        this.reader = reader;
        this.keyColumns = keyColumns.clone();
        this.keyTypes = keyTypes.clone();
        this.toInternal = toInternal;
    }

    @Override
    public void open(FunctionContext context) throws Exception {
        super.open(context);
        toInternal.open(RuntimeConverter.Context.create(context.getUserCodeClassLoader()));
        RowData.FieldGetter[] tableKeyFields = new RowData.FieldGetter[keyColumns.length];
        lookupKeyFields = new RowData.FieldGetter[keyColumns.length];
        for (int k = 0; k < keyColumns.length; k++) {
            tableKeyFields[k] = RowData.createFieldGetter(keyTypes[k], keyColumns[k]);
            lookupKeyFields[k] = RowData.createFieldGetter(keyTypes[k], k);
        }
        Map<List<Object>, List<RowData>> index = new HashMap<>();
        for (Row row : reader.read()) {
            RowData tableRow = (RowData) toInternal.toInternal(row);
            List<Object> key = key(tableRow, tableKeyFields);
            if (key != null) {
                index.computeIfAbsent(key, k -> new ArrayList<>(1)).add(tableRow);
            }
        }
        index.replaceAll((key, rows) -> List.copyOf(rows)); // read-only for the operator
        rowsByKey = index;
    }

    @Override
    public Collection<RowData> lookup(RowData keyRow) {
        List<Object> key = key(keyRow, lookupKeyFields);
        return key == null ? List.of() : rowsByKey.getOrDefault(key, List.of());
    }

    /**
     * The key's internal values (whose {@code equals} and {@code hashCode} compare contents, e.g.
     * {@code StringData}'s bytes), or null if one is {@code NULL}.
     */
    private static List<Object> key(RowData row, RowData.FieldGetter[] fields) {
        Object[] values = new Object[fields.length];
        for (int k = 0; k < fields.length; k++) {
            values[k] = fields[k].getFieldOrNull(row);
            if (values[k] == null) {
                return null;
            }
        }
        return Arrays.asList(values);
    }

    @Override
    public void close() throws Exception {
        rowsByKey = null;
        super.close();
    }
}
