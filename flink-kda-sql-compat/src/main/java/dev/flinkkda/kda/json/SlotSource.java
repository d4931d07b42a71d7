package dev.flinkkda.kda.json;

/**
 * The values of one row's slots: the record's, and for a row that is an element of a flattened
 * array, that element's values for the slots below the array. Reused from row to row.
 */
final class SlotSource {

    private final int[] elementSlots;
    private FoundValues record;
    private FoundValues element;

    /**
     * @param elementSlots per slot, its index in an element's values, or -1 for a slot of the
     *     record; null when no slot is in an element
     */
    SlotSource(int[] elementSlots) {
        this.elementSlots = elementSlots;
    }

    /** Reads the record's values, and {@code element}'s (null for none) for element slots. */
    SlotSource of(FoundValues record, FoundValues element) {
        this.record = record;
        this.element = element;
        return this;
    }

    private boolean inElement(int slot) {
        return elementSlots != null && elementSlots[slot] >= 0;
    }

    byte found(int slot) {
        if (inElement(slot)) {
            return element == null ? FoundValues.NOT_FOUND : element.found(elementSlots[slot]);
        }
        return record.found(slot);
    }

    JsonValueKind kind(int slot) {
        return inElement(slot) ? element.kind(elementSlots[slot]) : record.kind(slot);
    }

    String text(int slot) {
        return inElement(slot) ? element.text(elementSlots[slot]) : record.text(slot);
    }

    String key(int slot) {
        return inElement(slot) ? element.key(elementSlots[slot]) : record.key(slot);
    }

    String otherKey(int slot) {
        return inElement(slot) ? element.otherKey(elementSlots[slot]) : record.otherKey(slot);
    }
}
