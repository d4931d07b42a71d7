package dev.flinkkda.kda.json;

import java.util.Arrays;

/**
 * The values a record reader found for the slots of one row (the columns, the {@code ROWTIME}
 * field, the {@code APPROXIMATE_ARRIVAL_TIME} field), before coercion: per slot whether it was
 * found, how, and the value's kind and text.
 *
 * <p>A slot found by its exact key wins over keys equal to it ignoring case; two different keys
 * equal to it ignoring case (and none exact) make it ambiguous, an error when it is read. Not
 * thread-safe; reused from record to record.
 */
final class FoundValues {

    /** Not found. */
    static final byte NOT_FOUND = 0;

    /** Found by a key equal to the slot's name ignoring case. */
    static final byte FOUND_IGNORING_CASE = 1;

    /** Found by two different keys equal to the slot's name ignoring case, and none exactly. */
    static final byte AMBIGUOUS = 2;

    /** Found by the exact key (or path, or position). */
    static final byte FOUND_EXACTLY = 3;

    private final byte[] found;
    private final JsonValueKind[] kinds;
    private final String[] texts;
    private String[] keys;
    private String[] otherKeys;

    FoundValues(int slots) {
        found = new byte[slots];
        kinds = new JsonValueKind[slots];
        texts = new String[slots];
    }

    /** Forgets every value. */
    void clear() {
        Arrays.fill(found, NOT_FOUND);
    }

    /** Stores a value found exactly (by path or position). */
    void store(int slot, JsonValueKind kind, String text) {
        found[slot] = FOUND_EXACTLY;
        kinds[slot] = kind;
        texts[slot] = text;
    }

    /**
     * Stores a value found by the key {@code key}, exactly or ignoring case ({@link
     * #FOUND_EXACTLY}, {@link #FOUND_IGNORING_CASE}).
     */
    void store(int slot, byte how, String key, JsonValueKind kind, String text) {
        byte before = found[slot];
        if (keys == null) {
            keys = new String[found.length];
            otherKeys = new String[found.length];
        }
        if (how == FOUND_IGNORING_CASE) {
            if (before == FOUND_EXACTLY || before == AMBIGUOUS) {
                return;
            }
            if (before == FOUND_IGNORING_CASE && !keys[slot].equals(key)) {
                found[slot] = AMBIGUOUS;
                otherKeys[slot] = key;
                return;
            }
        }
        found[slot] = how;
        keys[slot] = key;
        kinds[slot] = kind;
        texts[slot] = text;
    }

    byte found(int slot) {
        return found[slot];
    }

    JsonValueKind kind(int slot) {
        return kinds[slot];
    }

    String text(int slot) {
        return texts[slot];
    }

    String key(int slot) {
        return keys[slot];
    }

    String otherKey(int slot) {
        return otherKeys[slot];
    }

    /** Whether some slot holds a value that is not {@code null}. */
    boolean anyValue() {
        for (int slot = 0; slot < found.length; slot++) {
            if (found[slot] != NOT_FOUND
                    && (found[slot] == AMBIGUOUS || kinds[slot] != JsonValueKind.NULL)) {
                return true;
            }
        }
        return false;
    }
}
