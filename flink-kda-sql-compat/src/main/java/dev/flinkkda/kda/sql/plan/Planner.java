package dev.flinkkda.kda.sql.plan;

import dev.flinkkda.kda.sql.analysis.AnalyzedApplication;
import dev.flinkkda.kda.sql.analysis.AnalyzedPump;
import dev.flinkkda.kda.sql.analysis.KdaSemanticException;
import dev.flinkkda.kda.sql.analysis.RelationBinding;
import dev.flinkkda.kda.sql.analysis.ResolvedColumn;
import dev.flinkkda.kda.sql.analysis.StreamColumn;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.analysis.StreamKind;
import dev.flinkkda.kda.sql.ast.Expression;
import dev.flinkkda.kda.sql.ast.FloorCeil;
import dev.flinkkda.kda.sql.ast.IntervalLiteral;
import dev.flinkkda.kda.sql.ast.Join;
import dev.flinkkda.kda.sql.ast.JoinType;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.Step;
import dev.flinkkda.kda.sql.plan.FlinkSqlEmitter.Context;
import dev.flinkkda.kda.sql.rewrite.ExpressionKeys;
import dev.flinkkda.kda.sql.rewrite.OverLevel;
import dev.flinkkda.kda.sql.rewrite.OverRewrite;
import dev.flinkkda.kda.sql.rewrite.StaggerAggregateCall;
import dev.flinkkda.kda.sql.rewrite.StaggerQuery;
import dev.flinkkda.kda.sql.rewrite.StaggerRewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.flinkkda.kda.sql.plan.FlinkSqlEmitter.expression;
import static dev.flinkkda.kda.sql.plan.FlinkSqlEmitter.name;
import static dev.flinkkda.kda.sql.plan.FlinkSqlEmitter.qualified;

/**
 * The plan stage: one Flink SQL view per in-application stream — the {@code UNION ALL} of its pumps
 * — in dependency order, with helper steps before a pump that needs flink-kda's operators (stagger
 * windows) or a re-timed {@code ROWTIME} (tumbling windows, whose rows take the window end as their
 * {@code ROWTIME}).
 *
 * <p>Every pump's SELECT ends with the {@code ROWTIME} of its rows and casts each item to the
 * declared type of the column it goes to, as KDA coerces on insert.
 */
public final class Planner {

    /** The proctime column a reference-table lookup join needs on the stream side. */
    static final String PROC_TIME = "__PROC_TIME";

    private final AnalyzedApplication application;
    private final List<PlanStep> steps = new ArrayList<>();
    private final List<StatementReport> reports = new ArrayList<>();

    private Planner(AnalyzedApplication application) {
        this.application = application;
    }

    public static ApplicationPlan plan(AnalyzedApplication application) {
        Planner planner = new Planner(application);
        planner.planStreams();
        planner.reports.sort(
                java.util.Comparator.comparingInt((StatementReport r) -> r.position().line())
                        .thenComparingInt(r -> r.position().column()));
        return new ApplicationPlan(application, planner.steps, planner.reports);
    }

    private void planStreams() {
        Set<String> done = new LinkedHashSet<>();
        Map<String, SourcePosition> visiting = new HashMap<>();
        for (StreamDefinition stream : application.streams().values()) {
            if (stream.kind() == StreamKind.IN_APPLICATION) {
                planStream(stream, done, visiting);
            }
        }
    }

    /** Plans the streams {@code stream}'s pumps read first (depth first, cycles rejected). */
    private void planStream(
            StreamDefinition stream, Set<String> done, Map<String, SourcePosition> visiting) {
        if (done.contains(stream.name())) {
            return;
        }
        SourcePosition position = stream.definedAt().orElseThrow();
        if (visiting.putIfAbsent(stream.name(), position) != null) {
            throw new KdaSemanticException(
                    application.sourceName(),
                    position,
                    "stream \""
                            + stream.name()
                            + "\" is fed, through pumps, by its own rows: "
                            + String.join(" → ", visiting.keySet())
                            + " → "
                            + stream.name());
        }
        List<AnalyzedPump> pumps = application.pumpsInto(stream.name());
        for (AnalyzedPump pump : pumps) {
            for (String input : pump.inputStreams()) {
                StreamDefinition read = application.streams().get(input);
                if (read.kind() == StreamKind.IN_APPLICATION) {
                    if (application.pumpsInto(input).isEmpty()) {
                        throw new KdaSemanticException(
                                application.sourceName(),
                                pump.pump().position(),
                                "pump \""
                                        + pump.name()
                                        + "\" reads \""
                                        + input
                                        + "\", which no pump writes");
                    }
                    planStream(read, done, visiting);
                }
            }
        }
        visiting.remove(stream.name());
        done.add(stream.name());
        if (pumps.isEmpty()) {
            reports.add(
                    new StatementReport(
                            position,
                            "CREATE STREAM " + quoted(stream.name()),
                            Translation.NATIVE,
                            "no pump writes it: it stays empty and is not created"));
            return;
        }
        List<String> branches = new ArrayList<>();
        for (AnalyzedPump pump : pumps) {
            branches.add(planPump(pump));
        }
        steps.add(new PlanStep.SqlView(stream.name(), String.join("\nUNION ALL\n", branches)));
        reports.add(
                new StatementReport(
                        position,
                        "CREATE STREAM " + quoted(stream.name()),
                        Translation.NATIVE,
                        pumps.size() == 1
                                ? "a view of its pump's rows"
                                : "a view: UNION ALL of its " + pumps.size() + " pumps"));
    }

    private static String quoted(String name) {
        return "\"" + name + "\"";
    }

    /** Plans one pump; returns the SELECT that gives its rows as the target stream's columns. */
    private String planPump(AnalyzedPump pump) {
        String statement = "CREATE PUMP " + quoted(pump.name());
        SourcePosition position = pump.pump().position();
        switch (pump.shape()) {
            case PROJECTION:
                {
                    String sql = projection(pump);
                    reports.add(
                            new StatementReport(
                                    position,
                                    statement,
                                    hasJoin(pump) ? Translation.VIA_FLINK_KDA : Translation.NATIVE,
                                    hasJoin(pump)
                                            ? "SELECT with a lookup join on a flink-kda"
                                                    + " reference table"
                                            : "SELECT (projection and filter)"));
                    return sql;
                }
            case TUMBLING_WINDOW:
                {
                    String view = "__PUMP_" + pump.name();
                    steps.add(new PlanStep.RowtimeView(view, tumbling(pump)));
                    reports.add(
                            new StatementReport(
                                    position,
                                    statement,
                                    Translation.NATIVE,
                                    "GROUP BY … "
                                            + windowKeyText(pump)
                                            + " → TUMBLE window aggregation; ROWTIME = window end"));
                    return "SELECT * FROM " + name(view);
                }
            case STAGGER_WINDOW:
                {
                    String sql = stagger(pump);
                    reports.add(
                            new StatementReport(
                                    position,
                                    statement,
                                    Translation.VIA_FLINK_KDA,
                                    "WINDOWED BY STAGGER → flink-kda StaggerWindows.incremental;"
                                            + " ROWTIME = window close"));
                    return sql;
                }
            case OVER_WINDOW:
                {
                    List<OverLevel> levels = OverRewrite.levels(pump);
                    String sql = over(pump, levels);
                    reports.add(
                            new StatementReport(
                                    position,
                                    statement,
                                    Translation.NATIVE,
                                    "analytic aggregates → OVER aggregation"
                                            + (levels.size() > 1
                                                    ? " ("
                                                            + levels.size()
                                                            + " nested, one per window)"
                                                    : "")));
                    return sql;
                }
            default:
                throw new IllegalStateException("unknown shape " + pump.shape());
        }
    }

    private static boolean hasJoin(AnalyzedPump pump) {
        return pump.select().from() instanceof Join;
    }

    private String windowKeyText(AnalyzedPump pump) {
        Expression key = pump.tumbling().orElseThrow().timeKey();
        return key instanceof Step ? "STEP(ROWTIME BY …)" : "FLOOR(ROWTIME TO …)";
    }

    // ---------------------------------------------------------------- shapes

    /** Qualified column names: {@code `alias`.`column`}. */
    private Context qualifiedColumns(AnalyzedPump pump) {
        return Context.of(
                application.sourceName(),
                reference -> {
                    ResolvedColumn column = pump.resolve(reference);
                    return qualified(column.relation().alias(), column.column());
                });
    }

    /**
     * {@code CAST(item AS type) AS `column`, …}: the select items into the target stream's columns,
     * in the stream's order (an {@code INSERT} column list may name them in another), {@code NULL}
     * for columns the list leaves out.
     */
    private String items(AnalyzedPump pump, Context context) {
        List<String> items = new ArrayList<>();
        for (StreamColumn column : pump.target().columns()) {
            int item = pump.targetColumns().indexOf(column);
            String value =
                    item < 0 ? "NULL" : expression(pump.items().get(item).expression(), context);
            items.add(
                    "CAST("
                            + value
                            + " AS "
                            + FlinkSqlEmitter.type(application.sourceName(), column.type())
                            + ") AS "
                            + name(column.name()));
        }
        return String.join(", ", items);
    }

    private RelationBinding input(AnalyzedPump pump) {
        return pump.relations().get(0);
    }

    private String from(AnalyzedPump pump, Context context) {
        RelationBinding input = input(pump);
        if (!(pump.select().from() instanceof Join join)) {
            return name(input.stream().name()) + " AS " + name(input.alias());
        }
        RelationBinding table = pump.relations().get(1);
        return "(SELECT *, PROCTIME() AS "
                + name(PROC_TIME)
                + " FROM "
                + name(input.stream().name())
                + ") AS "
                + name(input.alias())
                + (join.type() == JoinType.LEFT ? " LEFT JOIN " : " JOIN ")
                + name(table.stream().name())
                + " FOR SYSTEM_TIME AS OF "
                + qualified(input.alias(), PROC_TIME)
                + " AS "
                + name(table.alias())
                + " ON "
                + expression(join.on().orElseThrow(), context);
    }

    private String where(AnalyzedPump pump, Context context) {
        return pump.select().where().map(w -> "\nWHERE " + expression(w, context)).orElse("");
    }

    private String projection(AnalyzedPump pump) {
        Context context = qualifiedColumns(pump);
        return "SELECT "
                + items(pump, context)
                + ", "
                + qualified(input(pump).alias(), StreamDefinition.ROWTIME)
                + " AS "
                + name(StreamDefinition.ROWTIME)
                + "\nFROM "
                + from(pump, context)
                + where(pump, context);
    }

    private String tumbling(AnalyzedPump pump) {
        if (hasJoin(pump)) {
            throw new dev.flinkkda.kda.sql.analysis.UnsupportedConstructException(
                    application.sourceName(),
                    pump.select().from().position(),
                    "a reference-table JOIN in a GROUP BY window query",
                    "join in a pump of its own, then aggregate its stream");
        }
        RelationBinding input = input(pump);
        String alias = input.alias();
        Expression timeKey = pump.tumbling().orElseThrow().timeKey();
        String windowStart = qualified(alias, "window_start");
        String timeKeyName = ExpressionKeys.of(timeKey, pump);
        Context context =
                qualifiedColumns(pump)
                        .withSubstitutions(
                                e ->
                                        ExpressionKeys.of(e, pump).equals(timeKeyName)
                                                ? Optional.of(windowStart)
                                                : Optional.empty());
        String size;
        if (timeKey instanceof Step step) {
            size = FlinkSqlEmitter.interval((IntervalLiteral) step.step());
        } else {
            size = "INTERVAL '1' " + ((FloorCeil) timeKey).unit();
        }
        List<String> groupBy = new ArrayList<>();
        groupBy.add(windowStart);
        groupBy.add(qualified(alias, "window_end"));
        for (Expression key : pump.select().groupBy()) {
            if (key != timeKey) {
                groupBy.add(expression(key, context));
            }
        }
        return "SELECT "
                + items(pump, context)
                + ", "
                + qualified(alias, "window_end")
                + " AS "
                + name(StreamDefinition.ROWTIME)
                + "\nFROM TABLE(TUMBLE(TABLE "
                + name(input.stream().name())
                + ", DESCRIPTOR("
                + name(StreamDefinition.ROWTIME)
                + "), "
                + size
                + ")) AS "
                + name(alias)
                + where(pump, context)
                + "\nGROUP BY "
                + String.join(", ", groupBy)
                + pump.select().having().map(h -> "\nHAVING " + expression(h, context)).orElse("");
    }

    private String stagger(AnalyzedPump pump) {
        if (hasJoin(pump)) {
            throw new dev.flinkkda.kda.sql.analysis.UnsupportedConstructException(
                    application.sourceName(),
                    pump.select().from().position(),
                    "a reference-table JOIN in a stagger window query",
                    "join in a pump of its own, then aggregate its stream");
        }
        StaggerQuery query = StaggerRewrite.rewrite(pump);
        Context context = qualifiedColumns(pump);
        List<String> columns = new ArrayList<>();
        Map<String, String> substitutions = new LinkedHashMap<>();
        for (int i = 0; i < query.keys().size(); i++) {
            columns.add(expression(query.keys().get(i), context) + " AS " + name("__K" + i));
            substitutions.putIfAbsent(query.keyNames().get(i), name("__K" + i));
        }
        List<dev.flinkkda.kda.sql.rewrite.StaggerFunction> functions = new ArrayList<>();
        List<Integer> argumentColumns = new ArrayList<>();
        int column = query.keys().size();
        for (int j = 0; j < query.aggregates().size(); j++) {
            StaggerAggregateCall call = query.aggregates().get(j);
            functions.add(call.function());
            if (call.argument().isPresent()) {
                columns.add(expression(call.argument().get(), context) + " AS " + name("__A" + j));
                argumentColumns.add(column++);
            } else {
                argumentColumns.add(-1);
            }
            substitutions.put(call.key(), name("__G" + j));
        }
        columns.add(
                qualified(input(pump).alias(), StreamDefinition.ROWTIME)
                        + " AS "
                        + name(StreamDefinition.ROWTIME));
        String view = "__STAGGER_" + pump.name();
        steps.add(
                new PlanStep.StaggerAggregation(
                        view,
                        "SELECT "
                                + String.join(", ", columns)
                                + "\nFROM "
                                + from(pump, context)
                                + where(pump, context),
                        query.keys().size(),
                        functions,
                        argumentColumns,
                        query.rangeMillis()));
        Context outer =
                Context.of(
                                application.sourceName(),
                                reference -> {
                                    if (pump.resolve(reference).isRowtime()) {
                                        return name(StreamDefinition.ROWTIME);
                                    }
                                    throw new IllegalStateException(
                                            "column outside keys and aggregates: " + reference);
                                })
                        .withSubstitutions(
                                e ->
                                        Optional.ofNullable(
                                                substitutions.get(ExpressionKeys.of(e, pump))));
        return "SELECT "
                + items(pump, outer)
                + ", "
                + name(StreamDefinition.ROWTIME)
                + "\nFROM "
                + name(view);
    }

    private String over(AnalyzedPump pump, List<OverLevel> levels) {
        if (hasJoin(pump)) {
            throw new dev.flinkkda.kda.sql.analysis.UnsupportedConstructException(
                    application.sourceName(),
                    pump.select().from().position(),
                    "a reference-table JOIN in an OVER window query",
                    "join in a pump of its own, then aggregate its stream");
        }
        String alias = input(pump).alias();
        Context context = qualifiedColumns(pump);
        String rowtime = qualified(alias, StreamDefinition.ROWTIME);
        String current = "SELECT * FROM " + from(pump, context) + where(pump, context);
        Map<String, String> overColumns = new HashMap<>();
        int next = 0;
        for (OverLevel level : levels) {
            List<String> computed = new ArrayList<>();
            String window = FlinkSqlEmitter.over(level.window(), rowtime, context);
            for (OverLevel.Call call : level.calls()) {
                String column = "__O" + next++;
                String aggregate =
                        expression(
                                call.call(),
                                context.withOverWindows(f -> Optional.of(withoutOver(f, context))));
                computed.add(aggregate + " " + window + " AS " + name(column));
                overColumns.put(call.key(), qualified(alias, column));
            }
            current =
                    "SELECT *, "
                            + String.join(", ", computed)
                            + " FROM ("
                            + current
                            + ") AS "
                            + name(alias);
        }
        Context outer =
                context.withSubstitutions(
                        e -> Optional.ofNullable(overColumns.get(ExpressionKeys.of(e, pump))));
        return "SELECT "
                + items(pump, outer)
                + ", "
                + rowtime
                + " AS "
                + name(StreamDefinition.ROWTIME)
                + "\nFROM ("
                + current
                + ") AS "
                + name(alias);
    }

    /** The call itself, its OVER left to the caller. */
    private String withoutOver(dev.flinkkda.kda.sql.ast.FunctionCall f, Context context) {
        dev.flinkkda.kda.sql.ast.FunctionCall plain =
                new dev.flinkkda.kda.sql.ast.FunctionCall(
                        f.position(),
                        f.name(),
                        f.distinct(),
                        f.starArgument(),
                        f.arguments(),
                        f.nullTreatment(),
                        Optional.empty());
        return expression(plain, context);
    }
}
