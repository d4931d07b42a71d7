package dev.flinkkda.kda.sql.plan;

import dev.flinkkda.kda.sql.expr.Call;
import dev.flinkkda.kda.sql.expr.TypedExpression;
import dev.flinkkda.kda.sql.expr.TypedExpressions;

import java.util.List;
import java.util.function.Consumer;

/** Walks plan nodes and steps: their expressions, and what of flink-kda they need. */
public final class PlanWalker {

    private PlanWalker() {}

    /**
     * Whether {@code steps} run one of flink-kda's operators, call one of its functions or join one
     * of its reference tables: what {@code translate} reports as {@link Translation#VIA_FLINK_KDA}.
     */
    public static boolean usesFlinkKda(List<PlanStep> steps) {
        for (PlanStep step : steps) {
            if (step instanceof PlanStep.StaggerAggregation
                    || step instanceof PlanStep.PerEventAggregation
                    || step instanceof PlanStep.TableFunction) {
                return true;
            }
            if (usesFlinkKda(query(step))) {
                return true;
            }
        }
        return false;
    }

    /** As {@link #usesFlinkKda(List)}, for one node. */
    public static boolean usesFlinkKda(PlanNode node) {
        boolean[] uses = {joinsReferenceTable(node)};
        forEachExpression(
                node,
                e ->
                        uses[0] |=
                                TypedExpressions.contains(
                                        e,
                                        x ->
                                                x instanceof Call call
                                                        && call.function()
                                                                .implementation()
                                                                .isPresent()));
        return uses[0];
    }

    /** The query a step runs: its view's, or its operator's input. */
    public static PlanNode query(PlanStep step) {
        if (step instanceof PlanStep.View view) {
            return view.query();
        }
        if (step instanceof PlanStep.RowtimeView view) {
            return view.query();
        }
        if (step instanceof PlanStep.StaggerAggregation stagger) {
            return stagger.input();
        }
        if (step instanceof PlanStep.TableFunction function) {
            return function.input();
        }
        if (step instanceof PlanStep.RowErrors checked) {
            return checked.query();
        }
        return ((PlanStep.PerEventAggregation) step).input();
    }

    /** Visits the expressions of {@code node} and of the nodes it reads. */
    public static void forEachExpression(PlanNode node, Consumer<TypedExpression> visitor) {
        if (node instanceof PlanNode.Project project) {
            forEachExpression(project.from(), visitor);
            project.items().forEach(i -> visitor.accept(i.expression()));
            project.where().ifPresent(visitor);
        } else if (node instanceof PlanNode.TumblingAggregate aggregate) {
            aggregate.where().ifPresent(visitor);
            aggregate.groupKeys().forEach(visitor);
            aggregate.items().forEach(i -> visitor.accept(i.expression()));
            aggregate.having().ifPresent(visitor);
        } else if (node instanceof PlanNode.OverAggregate over) {
            forEachExpression(over.from(), visitor);
            over.window().partitionBy().forEach(visitor);
            over.aggregates().forEach(a -> visitor.accept(a.expression()));
        } else if (node instanceof PlanNode.Sort sort) {
            forEachExpression(sort.from(), visitor);
            sort.keys().forEach(k -> visitor.accept(k.expression()));
        } else if (node instanceof PlanNode.UnionAll union) {
            union.inputs().forEach(i -> forEachExpression(i, visitor));
        }
    }

    private static void forEachExpression(PlanNode.From from, Consumer<TypedExpression> visitor) {
        if (from instanceof PlanNode.From.Aliased aliased) {
            forEachExpression(aliased.node(), visitor);
        } else if (from instanceof PlanNode.From.LookupJoin join) {
            forEachExpression(join.stream(), visitor);
            visitor.accept(join.on());
        } else if (from instanceof PlanNode.From.IntervalJoin join) {
            forEachExpression(join.left(), visitor);
            forEachExpression(join.right(), visitor);
            visitor.accept(join.on());
        }
    }

    private static boolean joinsReferenceTable(PlanNode node) {
        if (node instanceof PlanNode.Project project) {
            return joinsReferenceTable(project.from());
        }
        if (node instanceof PlanNode.OverAggregate over) {
            return joinsReferenceTable(over.from());
        }
        if (node instanceof PlanNode.Sort sort) {
            return joinsReferenceTable(sort.from());
        }
        if (node instanceof PlanNode.UnionAll union) {
            return union.inputs().stream().anyMatch(PlanWalker::joinsReferenceTable);
        }
        return false;
    }

    private static boolean joinsReferenceTable(PlanNode.From from) {
        if (from instanceof PlanNode.From.LookupJoin) {
            return true;
        }
        if (from instanceof PlanNode.From.Aliased aliased) {
            return joinsReferenceTable(aliased.node());
        }
        PlanNode.From.IntervalJoin join = (PlanNode.From.IntervalJoin) from;
        return joinsReferenceTable(join.left()) || joinsReferenceTable(join.right());
    }
}
