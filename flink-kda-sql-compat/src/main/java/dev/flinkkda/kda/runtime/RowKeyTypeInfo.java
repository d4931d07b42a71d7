package dev.flinkkda.kda.runtime;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.types.Row;

/** The type of a {@link RowKey} whose row is of the type {@code rows}. */
public final class RowKeyTypeInfo extends TypeInformation<RowKey> {

    private static final long serialVersionUID = 1L;

    private final TypeInformation<Row> rows;

    private RowKeyTypeInfo(TypeInformation<Row> rows) {
        this.rows = rows;
    }

    /** The type of keys whose rows are of the type {@code rows}. */
    public static RowKeyTypeInfo of(TypeInformation<Row> rows) {
        return new RowKeyTypeInfo(rows);
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<RowKey> getTypeClass() {
        return RowKey.class;
    }

    @Override
    public boolean isKeyType() {
        return rows.isKeyType();
    }

    @Override
    public TypeSerializer<RowKey> createSerializer(SerializerConfig config) {
        return new RowKeySerializer(rows.createSerializer(config));
    }

    @Override
    @SuppressWarnings("deprecation")
    public TypeSerializer<RowKey> createSerializer(ExecutionConfig config) {
        return new RowKeySerializer(rows.createSerializer(config));
    }

    @Override
    public String toString() {
        return "RowKey<" + rows + ">";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowKeyTypeInfo type && rows.equals(type.rows);
    }

    @Override
    public int hashCode() {
        return rows.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof RowKeyTypeInfo;
    }
}
