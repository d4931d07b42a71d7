package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.sql.plan.ApplicationPlan;
import dev.flinkkda.kda.sql.plan.PlanNode;
import dev.flinkkda.kda.sql.plan.PlanStep;
import dev.flinkkda.kda.sql.plan.PlanWalker;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Which steps of a plan a Flink SQL script can hold, and why the others need flink-kda's runner.
 *
 * <p>A step is SQL when it is a view ({@link PlanStep.View}), an error check ({@link
 * PlanStep.RowErrors}, written as a filter that stops the job), or a {@link PlanStep.RowtimeView}
 * of {@code ROWTIME} (with or without a watermark of its own) whose {@code ROWTIME} no later step
 * needs as an event-time attribute: Flink 1.20 SQL cannot make a view's column a time attribute
 * again (only a table's {@code WATERMARK} can), and a window's own {@code window_time} is its end
 * minus 1 ms, which would move rows into other windows downstream. Stagger windows, {@code RANGE}
 * windows on the per-event operator and KDA's table functions are flink-kda operators. A step is in
 * the script when it is SQL and everything it reads is.
 */
final class ScriptableSteps {

    private final Map<String, String> omitted;

    private ScriptableSteps(Map<String, String> omitted) {
        this.omitted = omitted;
    }

    /**
     * @param eventTime whether {@code ROWTIME} is an event-time attribute (else processing time,
     *     where a {@link PlanStep.RowtimeView} is a plain view, as flink-kda runs it)
     * @param unreadable the inputs the script cannot read, each with why
     */
    static ScriptableSteps of(
            ApplicationPlan plan, boolean eventTime, Map<String, String> unreadable) {
        Map<String, Boolean> needsTimeAttribute = new HashMap<>();
        List<PlanStep> steps = plan.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            PlanStep step = steps.get(i);
            boolean own = needsTimeAttribute.getOrDefault(step.name(), false);
            boolean passThrough = step instanceof PlanStep.RowtimeView ? false : own;
            boolean operator = isOperator(step);
            reads(
                    PlanWalker.query(step),
                    passThrough || operator,
                    (name, attribute) ->
                            needsTimeAttribute.merge(name, attribute, Boolean::logicalOr));
        }
        Map<String, String> omitted = new LinkedHashMap<>(unreadable);
        for (PlanStep step : steps) {
            Optional<String> reason = ownReason(step, eventTime, needsTimeAttribute);
            if (reason.isEmpty()) {
                Set<String> read = new HashSet<>();
                reads(PlanWalker.query(step), false, (name, attribute) -> read.add(name));
                reason =
                        read.stream()
                                .filter(omitted::containsKey)
                                .findFirst()
                                .map(
                                        name ->
                                                "it reads "
                                                        + FlinkSqlEmitter.name(name)
                                                        + ", which "
                                                        + whatMakes(omitted, name));
            }
            reason.ifPresent(r -> omitted.put(step.name(), r));
        }
        return new ScriptableSteps(omitted);
    }

    /** Whether the script holds the view (or table) {@code name}. */
    boolean inScript(String name) {
        return !omitted.containsKey(name);
    }

    /**
     * Why {@code name} is not in the script: e.g. {@code a stagger window (flink-kda operator)}.
     */
    Optional<String> reason(String name) {
        return Optional.ofNullable(omitted.get(name));
    }

    /** The steps and inputs the script leaves out, with why, in plan order. */
    Map<String, String> omitted() {
        return omitted;
    }

    private static String whatMakes(Map<String, String> omitted, String name) {
        String reason = omitted.get(name);
        return reason.startsWith("it reads ") ? "is not in this script either" : "needs " + reason;
    }

    private static boolean isOperator(PlanStep step) {
        return step instanceof PlanStep.StaggerAggregation
                || step instanceof PlanStep.PerEventAggregation
                || step instanceof PlanStep.TableFunction;
    }

    private static Optional<String> ownReason(
            PlanStep step, boolean eventTime, Map<String, Boolean> needsTimeAttribute) {
        if (step instanceof PlanStep.StaggerAggregation) {
            return Optional.of("flink-kda's stagger window operator (WINDOWED BY STAGGER)");
        }
        if (step instanceof PlanStep.PerEventAggregation) {
            return Optional.of(
                    "flink-kda's per-event operator (a RANGE window: KDA leaves later rows with"
                            + " the same ROWTIME out, Flink's OVER RANGE counts them)");
        }
        if (step instanceof PlanStep.TableFunction function) {
            return Optional.of("flink-kda's operator for " + function.call().name());
        }
        if (step instanceof PlanStep.RowtimeView view && eventTime) {
            if (!view.timeAttribute().equals("ROWTIME")) {
                return Optional.of(
                        "flink-kda's runner to make "
                                + FlinkSqlEmitter.name(view.timeAttribute())
                                + " an event-time attribute (ORDER BY's buckets)");
            }
            if (needsTimeAttribute.getOrDefault(view.name(), false)) {
                return Optional.of(
                        "flink-kda's runner to make the window end (KDA's ROWTIME) an event-time"
                                + " attribute again for a later window, join or sort");
            }
        }
        return Optional.empty();
    }

    /**
     * Visits the tables and views {@code node} reads, each with whether its {@code ROWTIME} must be
     * an event-time attribute there: read by a window, an {@code OVER}, a sort or an interval join
     * (or passed on where {@code attribute} says the node's own must be one).
     */
    static void reads(PlanNode node, boolean attribute, BiConsumer<String, Boolean> visitor) {
        if (node instanceof PlanNode.Scan scan) {
            visitor.accept(scan.name(), attribute);
        } else if (node instanceof PlanNode.Project project) {
            reads(project.from(), attribute, visitor);
        } else if (node instanceof PlanNode.TumblingAggregate aggregate) {
            visitor.accept(aggregate.input().name(), true);
        } else if (node instanceof PlanNode.WindowDistinct distinct) {
            visitor.accept(distinct.input().name(), true);
        } else if (node instanceof PlanNode.OverAggregate over) {
            reads(over.from(), true, visitor);
        } else if (node instanceof PlanNode.Sort sort) {
            reads(sort.from(), true, visitor);
        } else if (node instanceof PlanNode.UnionAll union) {
            union.inputs().forEach(i -> reads(i, attribute, visitor));
        }
    }

    private static void reads(
            PlanNode.From from, boolean attribute, BiConsumer<String, Boolean> visitor) {
        if (from instanceof PlanNode.From.Aliased aliased) {
            reads(aliased.node(), attribute, visitor);
        } else if (from instanceof PlanNode.From.LookupJoin join) {
            reads(join.stream(), attribute, visitor);
            visitor.accept(join.table().name(), false);
        } else {
            PlanNode.From.IntervalJoin join = (PlanNode.From.IntervalJoin) from;
            reads(join.left(), true, visitor);
            reads(join.right(), true, visitor);
        }
    }
}
