package dev.flinkkda.analytics.sketches;

import org.apache.datasketches.common.ArrayOfItemsSerDe;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.memory.WritableMemory;

/**
 * How DataSketches' {@code ItemsSketch} writes {@link EncodedItem}s into its byte form: per item,
 * its length (int) and its bytes.
 */
final class EncodedItemSerDe extends ArrayOfItemsSerDe<EncodedItem> {

    static final EncodedItemSerDe INSTANCE = new EncodedItemSerDe();

    @Override
    public byte[] serializeToByteArray(EncodedItem item) {
        return serializeToByteArray(new EncodedItem[] {item});
    }

    @Override
    public byte[] serializeToByteArray(EncodedItem[] items) {
        byte[] out = new byte[sizeOf(items)];
        WritableMemory memory = WritableMemory.writableWrap(out);
        long offset = 0;
        for (EncodedItem item : items) {
            byte[] bytes = item.bytes();
            memory.putInt(offset, bytes.length);
            memory.putByteArray(offset + Integer.BYTES, bytes, 0, bytes.length);
            offset += Integer.BYTES + bytes.length;
        }
        return out;
    }

    @Override
    public EncodedItem[] deserializeFromMemory(Memory memory, long offsetBytes, int numItems) {
        EncodedItem[] items = new EncodedItem[numItems];
        long offset = offsetBytes;
        for (int i = 0; i < numItems; i++) {
            int length = memory.getInt(offset);
            byte[] bytes = new byte[length];
            memory.getByteArray(offset + Integer.BYTES, bytes, 0, length);
            items[i] = new EncodedItem(bytes);
            offset += Integer.BYTES + length;
        }
        return items;
    }

    @Override
    public int sizeOf(EncodedItem item) {
        return Integer.BYTES + item.bytes().length;
    }

    @Override
    public int sizeOf(Memory memory, long offsetBytes, int numItems) {
        long offset = offsetBytes;
        for (int i = 0; i < numItems; i++) {
            offset += Integer.BYTES + memory.getInt(offset);
        }
        return (int) (offset - offsetBytes);
    }

    @Override
    public String toString(EncodedItem item) {
        return item.toString();
    }

    @Override
    public Class<EncodedItem> getClassOfT() {
        return EncodedItem.class;
    }
}
