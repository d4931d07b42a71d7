package dev.flinkkda.kda.sql.rewrite;

import dev.flinkkda.kda.sql.analysis.AnalyzedPump;
import dev.flinkkda.kda.sql.analysis.ResolvedColumn;
import dev.flinkkda.kda.sql.ast.ColumnReference;
import dev.flinkkda.kda.sql.ast.Identifier;
import dev.flinkkda.kda.sql.ast.SourcePosition;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;

/**
 * A key that is equal for equal expressions wherever they are written: positions are left out and
 * column references stand for what they resolve to, so {@code s.ROWTIME} and {@code ROWTIME} have
 * the same key. The rewrites use it to find the select items that repeat a window key or an
 * aggregate.
 */
public final class ExpressionKeys {

    private ExpressionKeys() {}

    public static String of(Object node, AnalyzedPump pump) {
        StringBuilder key = new StringBuilder();
        append(node, pump, key);
        return key.toString();
    }

    private static void append(Object node, AnalyzedPump pump, StringBuilder key) {
        if (node instanceof ColumnReference reference) {
            ResolvedColumn column = pump.resolve(reference);
            key.append("col(")
                    .append(column.relation().alias())
                    .append('.')
                    .append(column.column())
                    .append(')');
        } else if (node instanceof Identifier identifier) {
            key.append("id(").append(identifier.name()).append(')');
        } else if (node instanceof Record record) {
            key.append(record.getClass().getSimpleName()).append('(');
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (component.getType() == SourcePosition.class) {
                    continue;
                }
                try {
                    append(component.getAccessor().invoke(record), pump, key);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                key.append(',');
            }
            key.append(')');
        } else if (node instanceof List<?> list) {
            key.append('[');
            for (Object element : list) {
                append(element, pump, key);
                key.append(',');
            }
            key.append(']');
        } else if (node instanceof Optional<?> optional) {
            key.append(optional.isPresent() ? "some(" : "none(");
            optional.ifPresent(value -> append(value, pump, key));
            key.append(')');
        } else {
            key.append(node);
        }
    }
}
