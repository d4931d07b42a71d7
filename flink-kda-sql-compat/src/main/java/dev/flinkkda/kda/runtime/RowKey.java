package dev.flinkkda.kda.runtime;

import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * A keyed step's key: the row of its key columns, with the row's hash computed once and the columns
 * packed into bytes.
 *
 * <p>Keyed state and timers hash and compare the current key at every access (several per element),
 * against keys stored long before, which the next elements' garbage has pushed out of the
 * processor's caches. A {@link Row} computes its deep hash each time and compares objects nested
 * four deep (row, fields array, timestamp, date and time). This key computes the row's hash once,
 * when the element's key is taken, and compares hashes, then one array of bytes. The hash is the
 * row's own, so an element goes to the same key group as with the row as its key; columns of
 * another type than those {@link #pack} knows are compared as the row compares them.
 *
 * <pre>
 *   element (TAAB, 10:01:17, ...) -> RowKey{hash of (10:01, TAAB), bytes [10:01 | TAAB]}, once
 *   state get / put / timer       -> hash compared, then the bytes if the hashes are equal
 * </pre>
 */
public final class RowKey {

    private static final byte NULL = 0;
    private static final byte VALUE = 1;

    private final Row row;
    private final int hash;

    /** The columns packed, or null if a column is of a type {@link #pack} does not know. */
    private final byte[] packed;

    private RowKey(Row row) {
        this.row = row;
        this.hash = row.hashCode();
        this.packed = pack(row);
    }

    /** The key of the given row of key columns (which the key keeps: do not change it). */
    public static RowKey of(Row columns) {
        return new RowKey(Objects.requireNonNull(columns, "columns"));
    }

    /** The key columns. */
    public Row row() {
        return row;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof RowKey key) || hash != key.hash) {
            return false;
        }
        if (packed != null && key.packed != null) {
            return Arrays.equals(packed, key.packed);
        }
        return row.equals(key.row);
    }

    @Override
    public String toString() {
        return row.toString();
    }

    /**
     * The columns as bytes, each a null flag and then its value, such that two rows of the same
     * column types are equal ({@link Row#equals}) exactly when their bytes are; null if a column is
     * of another type than the ones below.
     */
    static byte[] pack(Row row) {
        if (row.getKind() != RowKind.INSERT) {
            return null;
        }
        int arity = row.getArity();
        int size = 0;
        for (int i = 0; i < arity; i++) {
            int length = packedLength(row.getField(i));
            if (length < 0) {
                return null;
            }
            size += 1 + length;
        }
        ByteBuffer bytes = ByteBuffer.allocate(size);
        for (int i = 0; i < arity; i++) {
            put(bytes, row.getField(i));
        }
        return bytes.array();
    }

    /** The bytes of a column's value, or -1 if {@link #put} does not know its type. */
    private static int packedLength(Object value) {
        if (value == null) {
            return 0;
        } else if (value instanceof String string) {
            return Integer.BYTES + Character.BYTES * string.length();
        } else if (value instanceof LocalDateTime) {
            return 2 * Long.BYTES;
        } else if (value instanceof Long
                || value instanceof Double
                || value instanceof LocalDate
                || value instanceof LocalTime) {
            return Long.BYTES;
        } else if (value instanceof Integer || value instanceof Float) {
            return Integer.BYTES;
        } else if (value instanceof Short) {
            return Short.BYTES;
        } else if (value instanceof Byte || value instanceof Boolean) {
            return Byte.BYTES;
        }
        return -1;
    }

    private static void put(ByteBuffer bytes, Object value) {
        if (value == null) {
            bytes.put(NULL);
            return;
        }
        bytes.put(VALUE);
        if (value instanceof String string) {
            bytes.putInt(string.length());
            for (int c = 0; c < string.length(); c++) {
                bytes.putChar(string.charAt(c));
            }
        } else if (value instanceof LocalDateTime time) {
            bytes.putLong(time.toLocalDate().toEpochDay());
            bytes.putLong(time.toLocalTime().toNanoOfDay());
        } else if (value instanceof Long number) {
            bytes.putLong(number);
        } else if (value instanceof Double number) {
            // Double.equals compares these bits
            bytes.putLong(Double.doubleToLongBits(number));
        } else if (value instanceof LocalDate date) {
            bytes.putLong(date.toEpochDay());
        } else if (value instanceof LocalTime time) {
            bytes.putLong(time.toNanoOfDay());
        } else if (value instanceof Integer number) {
            bytes.putInt(number);
        } else if (value instanceof Float number) {
            bytes.putInt(Float.floatToIntBits(number));
        } else if (value instanceof Short number) {
            bytes.putShort(number);
        } else if (value instanceof Byte number) {
            bytes.put(number);
        } else {
            bytes.put((Boolean) value ? (byte) 1 : (byte) 0);
        }
    }
}
