package dev.flinkkda.kda.sql.emit;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A field of a JSON record that JSONPath mappings read into: a value of a column's type (a leaf),
 * or an object whose fields mappings read (a {@code ROW} of them), so that Flink's json format
 * reads {@code $.customer.address.city} as the column {@code customer ROW<address ROW<city …>>}.
 */
final class NestedField {

    private final String name;
    private final Map<String, NestedField> children = new LinkedHashMap<>();
    private DataType leafType;
    private String leafColumn;

    private NestedField(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** A field no mapping has reached yet. */
    static NestedField branch(String name) {
        return new NestedField(name);
    }

    String name() {
        return name;
    }

    /**
     * Records that {@code column} reads the path {@code rest} below this field as {@code type}.
     *
     * @throws IllegalArgumentException if a path reads this field whole and another into it
     */
    void add(List<String> rest, DataType type, String column) {
        if (rest.isEmpty()) {
            if (!children.isEmpty()
                    || (leafType != null
                            && !leafType.getLogicalType()
                                    .copy(true)
                                    .equals(type.getLogicalType().copy(true)))) {
                throw conflict(column);
            }
            leafType = type;
            leafColumn = column;
            return;
        }
        if (leafType != null) {
            throw conflict(column);
        }
        children.computeIfAbsent(rest.get(0), NestedField::new)
                .add(rest.subList(1, rest.size()), type, column);
    }

    private IllegalArgumentException conflict(String column) {
        return new IllegalArgumentException(
                "column "
                        + column
                        + ": its mapping and column "
                        + (leafColumn != null ? leafColumn : "another")
                        + "'s read the JSON field "
                        + name
                        + " in two ways (whole and into it, or as two types); Flink's json format"
                        + " reads a field one way");
    }

    /** The names of the fields read into this one, in the order first read. */
    List<String> fieldNames() {
        return List.copyOf(children.keySet());
    }

    /** The field's Flink type as a {@link DataType}: the leaf's, or a {@code ROW}. */
    DataType dataType() {
        if (leafType != null) {
            return leafType;
        }
        List<DataTypes.Field> fields = new ArrayList<>();
        children.values().forEach(c -> fields.add(DataTypes.FIELD(c.name, c.dataType())));
        return DataTypes.ROW(fields);
    }

    /** The field's Flink type: the leaf's, or a {@code ROW} of the fields read. */
    String type() {
        if (leafType != null) {
            return FlinkSqlEmitter.type(leafType);
        }
        List<String> fields = new ArrayList<>();
        children.values().forEach(c -> fields.add(FlinkSqlEmitter.name(c.name) + " " + c.type()));
        return "ROW<" + String.join(", ", fields) + ">";
    }
}
