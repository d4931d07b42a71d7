package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.JoinType;
import dev.flinkkda.kda.sql.expr.TypedExpression;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A query's {@code FROM} after analysis. */
public sealed interface AnalyzedRelation {

    /** The named relations whose columns the query reads, the input stream first. */
    List<Leaf> leaves();

    /** A relation with a name in the query and columns of its own. */
    sealed interface Leaf extends AnalyzedRelation {
        /** The name the query uses for it: its alias, or its own name. */
        String alias();

        /** Its readable columns, {@code ROWTIME} included for streams. */
        List<RelationColumn> columns();

        /** Whether {@code column} holds the rows' {@code ROWTIME}. */
        default boolean isRowtime(String column) {
            return column.equals(StreamDefinition.ROWTIME);
        }

        /** Whether {@code SELECT *} leaves the column out: {@code ROWTIME}, system columns. */
        default boolean isSystemColumn(String column) {
            return column.equals(StreamDefinition.ROWTIME);
        }

        @Override
        default List<Leaf> leaves() {
            return List.of(this);
        }
    }

    /** An input stream, in-application stream or reference table, read by name. */
    record StreamRelation(String alias, StreamDefinition stream) implements Leaf {
        public StreamRelation {
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(stream, "stream");
        }

        @Override
        public List<RelationColumn> columns() {
            return stream.readableColumns();
        }

        @Override
        public boolean isSystemColumn(String column) {
            return stream.isSystemColumn(column);
        }
    }

    /** A query in {@code FROM}: {@code (SELECT STREAM …) AS t [(c1, c2)]}. */
    record DerivedRelation(String alias, AnalyzedQuery query, List<RelationColumn> columns)
            implements Leaf {
        public DerivedRelation {
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(query, "query");
            columns = List.copyOf(columns);
        }

        /**
         * Whether {@code column} holds the relation's {@code ROWTIME}: {@code ROWTIME} itself, or
         * an item of the query that selects its input's {@code ROWTIME} ({@code SELECT STREAM
         * ROWTIME AS window_time, …}), which is its rows' ROWTIME whatever the query's shape.
         */
        @Override
        public boolean isRowtime(String column) {
            if (column.equals(StreamDefinition.ROWTIME)) {
                return true;
            }
            for (int i = 0; i < query.items().size(); i++) {
                if (columns.get(i).name().equals(column)
                        && query.items().get(i).expression().equals(query.inputRowtime())) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code TABLE(fn(CURSOR(SELECT STREAM …), …)) [AS alias]}: one of KDA's table functions over
     * the rows of the cursor's query.
     *
     * @param cursor the cursor's query, as a query nested in {@code FROM}
     * @param columns the function's rows' columns: the cursor's, the function's own, {@code
     *     ROWTIME}
     */
    record TableFunctionRelation(
            String alias,
            DerivedRelation cursor,
            TableFunctionCall call,
            List<RelationColumn> columns)
            implements Leaf {
        public TableFunctionRelation {
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(cursor, "cursor");
            Objects.requireNonNull(call, "call");
            columns = List.copyOf(columns);
        }
    }

    /** A stream joined with a reference table, looked up as each row arrives. */
    record LookupJoin(
            AnalyzedRelation stream, StreamRelation table, JoinType type, TypedExpression on)
            implements AnalyzedRelation {
        public LookupJoin {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(on, "on");
        }

        @Override
        public List<Leaf> leaves() {
            List<Leaf> leaves = new ArrayList<>(stream.leaves());
            leaves.add(table);
            return leaves;
        }
    }

    /**
     * Two streams joined on {@code ROWTIME}, KDA's {@code left [LEFT] JOIN right OVER (RANGE
     * INTERVAL … PRECEDING) ON on}: a row of {@code left} joins the rows of {@code right} whose
     * {@code ROWTIME} lies in {@code [left.ROWTIME - precedingMillis, left.ROWTIME]}; the joined
     * row has the left row's {@code ROWTIME}.
     *
     * @param type {@link JoinType#INNER} or {@link JoinType#LEFT}
     * @param precedingMillis the length of the right stream's window, {@code 0} for {@code RANGE
     *     CURRENT ROW}
     */
    record IntervalJoin(
            Leaf left, Leaf right, JoinType type, TypedExpression on, long precedingMillis)
            implements AnalyzedRelation {
        public IntervalJoin {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(on, "on");
            if (precedingMillis < 0) {
                throw new IllegalArgumentException("a window has no negative length");
            }
        }

        @Override
        public List<Leaf> leaves() {
            return List.of(left, right);
        }
    }
}
