package dev.flinkkda.analytics.sketches;

import org.apache.flink.api.common.typeinfo.LocalTimeTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;

import java.io.Serializable;

/**
 * Encodes the values a SQL aggregate receives ({@code String}, {@code Long}, {@code BigDecimal},
 * {@code LocalDateTime}, {@code Instant}, {@code byte[]} …, the conversion classes of {@link
 * SqlItemArgument}) as {@link EncodedItem}s, with the Flink serializer of their class. One call
 * site gives values of one class, so the codec of the last class is kept.
 */
final class SqlValueEncoder implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient Class<?> codecClass;
    private transient ItemCodec<Object> codec;

    /** The value's bytes; the value is not null. */
    EncodedItem encode(Object value) {
        if (value.getClass() != codecClass) {
            codec = codecFor(value.getClass());
            codecClass = value.getClass();
        }
        return codec.encode(value);
    }

    @SuppressWarnings("unchecked")
    private static ItemCodec<Object> codecFor(Class<?> type) {
        TypeInformation<?> local = LocalTimeTypeInfo.getInfoFor(type);
        TypeInformation<Object> info =
                (TypeInformation<Object>) (local != null ? local : TypeInformation.of(type));
        if (info instanceof GenericTypeInfo) {
            // the argument strategy bridges every accepted SQL type to a class Flink serializes
            // itself; Kryo's bytes are not a dependable identity
            throw new IllegalStateException("no Flink serializer of its own for " + type);
        }
        return new ItemCodec<>(info);
    }
}
