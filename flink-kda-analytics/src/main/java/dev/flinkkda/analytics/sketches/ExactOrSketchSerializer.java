package dev.flinkkda.analytics.sketches;

import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * What the serializers of the accumulators that count exactly, then switch to a sketch, share: the
 * layout {@code mode byte, then either n × (item length, item bytes, fixed bytes) or (sketch
 * length, sketch bytes)}, so that a record can be copied without reading it into objects.
 *
 * @param <T> the accumulator
 */
abstract class ExactOrSketchSerializer<T> extends TypeSerializerSingleton<T> {

    private static final long serialVersionUID = 1L;

    /** The mode byte of an accumulator still counting exactly. */
    static final byte EXACT = 0;

    /** The mode byte of an accumulator holding a sketch. */
    static final byte SKETCH = 1;

    /** How many bytes follow each item's bytes in the exact mode (a count, say). */
    private final int bytesAfterEachItem;

    ExactOrSketchSerializer(int bytesAfterEachItem) {
        this.bytesAfterEachItem = bytesAfterEachItem;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        byte mode = in.readByte();
        out.writeByte(mode);
        int n = in.readInt();
        out.writeInt(n);
        if (mode == EXACT) {
            for (int i = 0; i < n; i++) {
                int length = in.readInt();
                out.writeInt(length);
                copyBytes(in, out, length + bytesAfterEachItem);
            }
        } else {
            copyBytes(in, out, n);
        }
    }

    private static void copyBytes(DataInputView in, DataOutputView out, int length)
            throws IOException {
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        out.write(bytes);
    }
}
