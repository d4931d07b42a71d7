package dev.flinkkda.analytics.sketches;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of an accumulator that has its own stateless serializer: Flink's type extraction finds
 * it through the accumulator class's {@code @TypeInfo} factory, so window state holds the
 * accumulator in its compact form (never Kryo of sketch internals).
 */
final class AccumulatorTypeInfo<A> extends TypeInformation<A> {

    private static final long serialVersionUID = 1L;

    private final Class<A> type;
    private final TypeSerializer<A> serializer;

    AccumulatorTypeInfo(Class<A> type, TypeSerializer<A> serializer) {
        this.type = type;
        this.serializer = serializer;
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
    public Class<A> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<A> createSerializer(SerializerConfig config) {
        return serializer;
    }

    /** Flink 1.x still declares this one abstract. */
    @Override
    @Deprecated
    public TypeSerializer<A> createSerializer(ExecutionConfig config) {
        return serializer;
    }

    @Override
    public String toString() {
        return type.getSimpleName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccumulatorTypeInfo && type == ((AccumulatorTypeInfo<?>) o).type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof AccumulatorTypeInfo;
    }
}
