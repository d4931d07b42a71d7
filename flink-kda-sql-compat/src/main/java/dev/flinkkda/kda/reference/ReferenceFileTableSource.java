package dev.flinkkda.kda.reference;

import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.LookupTableSource;
import org.apache.flink.table.connector.source.lookup.LookupFunctionProvider;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;

import java.util.List;

/**
 * A reference table read from a file, for lookup joins ({@code JOIN t FOR SYSTEM_TIME AS OF
 * s.proc_time ON …}): the {@value ReferenceFileTableFactory#IDENTIFIER} connector's source.
 */
final class ReferenceFileTableSource implements LookupTableSource {

    private final String tableName;
    private final ReferenceFileReader reader;
    private final DataType physicalRowType;

    ReferenceFileTableSource(
            String tableName, ReferenceFileReader reader, DataType physicalRowType) {
        this.tableName = tableName;
        this.reader = reader;
        this.physicalRowType = physicalRowType;
    }

    @Override
    public LookupRuntimeProvider getLookupRuntimeProvider(LookupContext context) {
        int[][] keys = context.getKeys();
        List<DataType> columnTypes = DataType.getFieldDataTypes(physicalRowType);
        int[] keyColumns = new int[keys.length];
        LogicalType[] keyTypes = new LogicalType[keys.length];
        for (int k = 0; k < keys.length; k++) {
            if (keys[k].length != 1) {
                // Only ROW-typed columns have nested fields, and a reference file has none.
                throw new ValidationException(
                        "reference table `"
                                + tableName
                                + "`: nested lookup keys are not supported");
            }
            keyColumns[k] = keys[k][0];
            keyTypes[k] = columnTypes.get(keyColumns[k]).getLogicalType();
        }
        return LookupFunctionProvider.of(
                new ReferenceFileLookupFunction(
                        reader,
                        keyColumns,
                        keyTypes,
                        context.createDataStructureConverter(physicalRowType)));
    }

    @Override
    public DynamicTableSource copy() {
        return new ReferenceFileTableSource(tableName, reader, physicalRowType);
    }

    @Override
    public String asSummaryString() {
        return "KDA reference file "
                + reader.path()
                + " ("
                + ReferenceFormat.formatName(reader.format().kind())
                + ")";
    }
}
