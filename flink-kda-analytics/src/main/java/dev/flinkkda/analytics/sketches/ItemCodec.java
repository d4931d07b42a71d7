package dev.flinkkda.analytics.sketches;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.FlinkRuntimeException;

import java.io.IOException;
import java.io.Serializable;

/** Turns items into {@link EncodedItem}s and back with the item type's Flink serializer. */
final class ItemCodec<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final TypeSerializer<T> serializer;
    private transient DataOutputSerializer buffer;

    ItemCodec(TypeInformation<T> itemType) {
        this.serializer = itemType.createSerializer(new SerializerConfigImpl());
    }

    EncodedItem encode(T item) {
        if (buffer == null) {
            buffer = new DataOutputSerializer(64);
        }
        buffer.clear();
        try {
            serializer.serialize(item, buffer);
        } catch (IOException e) {
            throw new FlinkRuntimeException("cannot serialize item " + item, e);
        }
        return new EncodedItem(buffer.getCopyOfBuffer());
    }

    T decode(EncodedItem item) {
        try {
            return serializer.deserialize(new DataInputDeserializer(item.bytes()));
        } catch (IOException e) {
            throw new FlinkRuntimeException("cannot deserialize item " + item, e);
        }
    }
}
