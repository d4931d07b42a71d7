package dev.flinkkda.kda.reference;

import dev.flinkkda.kda.schema.KdaColumn;
import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;

import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.BinaryType;
import org.apache.flink.table.types.logical.CharType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a reference table as the file reader sees them: each Flink type with the KDA type
 * it stands for, which messages name ({@code cannot convert "abc" to INTEGER}).
 *
 * <p>The reader is built from the table's Flink schema, both when {@link ReferenceTables} checks a
 * file before the job and when the lookup function loads it in the job, so that the two report a
 * bad value with the same message.
 */
final class ReferenceColumns {

    private ReferenceColumns() {}

    /**
     * The schema of columns with these names and Flink types.
     *
     * @throws IllegalArgumentException for a column named {@code ROWTIME} or of a type that is not
     *     a KDA type (e.g. {@code ARRAY}), naming the column
     */
    static KdaSchema schema(List<String> names, List<DataType> types) {
        List<KdaColumn> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            requireNotRowtime(name);
            DataType type = types.get(i);
            columns.add(new KdaColumn(name, kdaType(name, type.getLogicalType()), type));
        }
        return KdaSchema.of(columns);
    }

    /**
     * @throws IllegalArgumentException if the column is named {@code ROWTIME}: only streams have
     *     that column
     */
    static void requireNotRowtime(String column) {
        if (column.equals(StreamDefinition.ROWTIME)) {
            throw new IllegalArgumentException(
                    "column ROWTIME: a reference table has no ROWTIME, and no column can take its"
                            + " name");
        }
    }

    /**
     * The KDA type a Flink type stands for, e.g. {@code INTEGER} for {@code INT}, {@code VARCHAR}
     * for {@code STRING} and {@code TIMESTAMP} for {@code TIMESTAMP(3)}: the inverse of the
     * translator's KDA → Flink type mapping ({@link dev.flinkkda.kda.sql.types.KdaTypes}).
     */
    private static String kdaType(String column, LogicalType type) {
        switch (type.getTypeRoot()) {
            case CHAR:
                return "CHAR(" + ((CharType) type).getLength() + ")";
            case VARCHAR:
                int length = ((VarCharType) type).getLength();
                return length == VarCharType.MAX_LENGTH ? "VARCHAR" : "VARCHAR(" + length + ")";
            case BINARY:
                return "BINARY(" + ((BinaryType) type).getLength() + ")";
            case VARBINARY:
                int bytes = ((VarBinaryType) type).getLength();
                return bytes == VarBinaryType.MAX_LENGTH ? "VARBINARY" : "VARBINARY(" + bytes + ")";
            case BOOLEAN:
            case TINYINT:
            case SMALLINT:
            case BIGINT:
            case DOUBLE:
            case DATE:
                return type.getTypeRoot().name();
            case INTEGER:
                return "INTEGER";
            case FLOAT:
                return "REAL";
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                return "DECIMAL(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
            case TIME_WITHOUT_TIME_ZONE:
                int timePrecision = ((TimeType) type).getPrecision();
                return timePrecision == 0 ? "TIME" : "TIME(" + timePrecision + ")";
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                int precision = ((TimestampType) type).getPrecision();
                return precision == 3 ? "TIMESTAMP" : "TIMESTAMP(" + precision + ")";
            default:
                throw new IllegalArgumentException(
                        "column "
                                + column
                                + ": a reference file cannot fill a column of type "
                                + type.asSummaryString());
        }
    }
}
