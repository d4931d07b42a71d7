package dev.flinkkda.kda.sql.plan;

import dev.flinkkda.kda.sql.analysis.AnalyzedApplication;
import dev.flinkkda.kda.sql.analysis.AnalyzedPump;
import dev.flinkkda.kda.sql.analysis.AnalyzedQuery;
import dev.flinkkda.kda.sql.analysis.AnalyzedRelation;
import dev.flinkkda.kda.sql.analysis.Intervals;
import dev.flinkkda.kda.sql.analysis.OutputColumn;
import dev.flinkkda.kda.sql.analysis.PumpShape;
import dev.flinkkda.kda.sql.analysis.RelationColumn;
import dev.flinkkda.kda.sql.analysis.StreamColumn;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.analysis.StreamSort;
import dev.flinkkda.kda.sql.analysis.TumblingWindow;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.expr.Call;
import dev.flinkkda.kda.sql.expr.ColumnRef;
import dev.flinkkda.kda.sql.expr.Literal;
import dev.flinkkda.kda.sql.expr.SlidingWindow;
import dev.flinkkda.kda.sql.expr.TypedExpression;
import dev.flinkkda.kda.sql.expr.TypedExpressions;
import dev.flinkkda.kda.sql.expr.WindowedCall;
import dev.flinkkda.kda.sql.functions.KdaFunctionTable;
import dev.flinkkda.kda.sql.plan.PlanNode.From;
import dev.flinkkda.kda.sql.types.KdaTypes;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plan stage: one view per in-application stream — the {@code UNION ALL} of its pumps — in
 * dependency order, with steps before a pump where a query needs a view of its own: a query nested
 * in {@code FROM}, a window whose rows take the window end as their {@code ROWTIME}, flink-kda's
 * operators (stagger windows).
 *
 * <p>Every pump's rows end with their {@code ROWTIME} and cast each item to the declared type of
 * the column it goes to, as KDA coerces on insert. The planner works on analysed, typed queries and
 * never rejects: what cannot be translated was rejected by the analyser.
 */
public final class Planner {

    /** The column a sorted query's rows are sorted by first: the last instant of their bucket. */
    private static final String SORT_BUCKET = "__BUCKET";

    /**
     * The longest prefix of a view name derived from a pump's (with the aliases of the queries it
     * nests): with the suffixes added to it (at most 35 characters), names stay within Flink's 256.
     */
    private static final int MAX_VIEW_PREFIX = 160;

    /** The column of a {@link PlanStep.RowErrors} step's query with the row's error. */
    static final String ROW_ERROR = "__KDA_ERROR";

    private final AnalyzedApplication application;
    private final List<PlanStep> steps = new ArrayList<>();
    private final List<StatementReport> reports = new ArrayList<>();
    private final Map<String, AnalyzedPump> helperStepPumps = new HashMap<>();
    private int shortenedViewNames;

    private Planner(AnalyzedApplication application) {
        this.application = application;
    }

    public static ApplicationPlan plan(AnalyzedApplication application) {
        Planner planner = new Planner(application);
        planner.planStreams();
        planner.reports.sort(
                Comparator.comparingInt((StatementReport r) -> r.position().line())
                        .thenComparingInt(r -> r.position().column()));
        return new ApplicationPlan(
                application, planner.steps, planner.reports, planner.helperStepPumps);
    }

    private void planStreams() {
        for (String name : application.streamOrder()) {
            planStream(application.streams().get(name));
        }
    }

    /** Plans one stream: the union of its pumps, whose inputs are planned already. */
    private void planStream(StreamDefinition stream) {
        SourcePosition position = stream.definedAt().orElseThrow();
        List<AnalyzedPump> pumps = application.pumpsInto(stream.name());
        String statement = "CREATE STREAM " + quoted(stream.name());
        if (pumps.isEmpty()) {
            reports.add(
                    new StatementReport(
                            position,
                            statement,
                            Translation.NATIVE,
                            "no pump writes it: it stays empty and is not created"));
            return;
        }
        List<PlanNode> branches = new ArrayList<>();
        for (AnalyzedPump pump : pumps) {
            branches.add(planPump(pump));
        }
        steps.add(
                new PlanStep.View(
                        stream.name(),
                        branches.size() == 1 ? branches.get(0) : new PlanNode.UnionAll(branches)));
        reports.add(
                new StatementReport(
                        position,
                        statement,
                        Translation.NATIVE,
                        pumps.size() == 1
                                ? "a view of its pump's rows"
                                : "a view: UNION ALL of its " + pumps.size() + " pumps"));
    }

    /**
     * {@code name}, or for a name too long for Flink (a long pump name, or the aliases of the
     * queries it nests), its start and a number that keeps it unique.
     */
    private String bounded(String name) {
        if (name.length() <= MAX_VIEW_PREFIX) {
            return name;
        }
        int end = MAX_VIEW_PREFIX - 16;
        if (Character.isHighSurrogate(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end) + "__" + ++shortenedViewNames;
    }

    private static String quoted(String name) {
        return "\"" + name + "\"";
    }

    // ------------------------------------------------------------------ pumps

    /** Plans one pump: a node that gives its rows as the target stream's columns and ROWTIME. */
    private PlanNode planPump(AnalyzedPump pump) {
        QueryPlanner planner = new QueryPlanner(pump, bounded("__PUMP_" + pump.viewName()));
        int firstStep = steps.size();
        PlanNode node =
                planner.plan(pump.query(), (items, rowtime) -> targetItems(pump, items, rowtime));
        steps.subList(firstStep, steps.size()).forEach(s -> helperStepPumps.put(s.name(), pump));
        boolean viaFlinkKda =
                PlanWalker.usesFlinkKda(steps.subList(firstStep, steps.size()))
                        || PlanWalker.usesFlinkKda(node);
        reports.add(
                new StatementReport(
                        pump.pump().position(),
                        "CREATE PUMP " + quoted(pump.name()),
                        viaFlinkKda ? Translation.VIA_FLINK_KDA : Translation.NATIVE,
                        (pump.branch() == 0 ? "" : "UNION ALL branch " + pump.branch() + ": ")
                                + describe(pump.query(), planner)));
        return node;
    }

    /**
     * {@code CAST(item AS type) AS column, …, rowtime AS ROWTIME}: the select items into the target
     * stream's columns, in the stream's order (an {@code INSERT} column list may name them in
     * another), {@code NULL} for columns the list leaves out.
     */
    private static List<NamedExpression> targetItems(
            AnalyzedPump pump, List<TypedExpression> items, TypedExpression rowtime) {
        List<NamedExpression> named = new ArrayList<>();
        for (StreamColumn column : pump.target().columns()) {
            int item = pump.targetColumns().indexOf(column);
            TypedExpression value =
                    item < 0
                            ? Literal.of(Literal.Kind.NULL, "", DataTypes.NULL())
                            : items.get(item);
            DataType type = KdaTypes.toFlink(column.type());
            boolean castAlready =
                    value instanceof Call call
                            && call.function() == KdaFunctionTable.CAST
                            && call.type().equals(type);
            named.add(new NamedExpression(column.name(), castAlready ? value : cast(value, type)));
        }
        named.add(new NamedExpression(StreamDefinition.ROWTIME, rowtime));
        return named;
    }

    /** A day-time interval constant of {@code millis} milliseconds. */
    private static Literal millis(long millis) {
        return new Literal(
                Literal.Kind.INTERVAL,
                Intervals.dayToSecond(millis),
                "DAY TO SECOND",
                DataTypes.INTERVAL(DataTypes.DAY(), DataTypes.SECOND(3)));
    }

    private static Call cast(TypedExpression value, DataType type) {
        return new Call(KdaFunctionTable.CAST, List.of(value), false, false, "", type);
    }

    private static String windowKey(Call key) {
        if (key.function() == KdaFunctionTable.STEP_TIME) {
            return "STEP(ROWTIME BY …)";
        }
        if (key.function() == KdaFunctionTable.FLOOR_TO) {
            return "FLOOR(ROWTIME TO …)";
        }
        return "a step function of ROWTIME";
    }

    private static String describe(AnalyzedQuery query, QueryPlanner planner) {
        String detail;
        switch (query.shape()) {
            case TUMBLING_WINDOW:
                detail =
                        "GROUP BY … "
                                + windowKey((Call) query.tumbling().orElseThrow().timeKey())
                                + " → TUMBLE window aggregation; ROWTIME = window end";
                break;
            case STAGGER_WINDOW:
                detail =
                        "WINDOWED BY STAGGER → flink-kda EventTimeStaggerWindows.incremental;"
                                + " ROWTIME = window close";
                break;
            case OVER_WINDOW:
                long ranges =
                        overWindows(query).keySet().stream()
                                .filter(Planner::onPerEventOperator)
                                .count();
                int windows = overWindows(query).size();
                List<String> parts = new ArrayList<>();
                if (ranges > 0) {
                    parts.add(
                            "RANGE → flink-kda PerEventSlidingWindows (later peers excluded)"
                                    + (ranges > 1 ? ", " + ranges + " steps, one per window" : ""));
                }
                if (windows > ranges) {
                    parts.add(
                            "OVER aggregation"
                                    + (windows - ranges > 1
                                            ? " (" + (windows - ranges) + " nested, one per window)"
                                            : ""));
                }
                detail = "analytic aggregates → " + String.join(" + ", parts);
                break;
            default:
                if (query.from() instanceof AnalyzedRelation.LookupJoin) {
                    detail = "SELECT with a lookup join on a flink-kda reference table";
                } else if (query.from() instanceof AnalyzedRelation.IntervalJoin join) {
                    detail =
                            "stream-to-stream "
                                    + (join.type() == dev.flinkkda.kda.sql.ast.JoinType.LEFT
                                            ? "LEFT JOIN"
                                            : "JOIN")
                                    + " OVER (RANGE …) → interval join on ROWTIME"
                                    + "; ROWTIME = the left row's";
                } else if (query.input()
                        instanceof AnalyzedRelation.TableFunctionRelation function) {
                    detail =
                            "TABLE("
                                    + function.call().name()
                                    + "(CURSOR(…))) → flink-kda-analytics operator";
                } else {
                    detail = "SELECT (projection and filter)";
                }
        }
        if (query.distinctBucketMillis().isPresent()) {
            detail +=
                    "; SELECT STREAM DISTINCT → window deduplication per "
                            + query.distinctBucketMillis().getAsLong()
                            + " ms ROWTIME bucket";
        }
        if (query.sort().isPresent()) {
            detail +=
                    query.shape() == PumpShape.TUMBLING_WINDOW
                            ? "; ORDER BY → each window's rows sorted by "
                                    + query.sort().get().keys().size()
                                    + " key(s)"
                            : "; ORDER BY → rows sorted within "
                                    + query.sort().get().bucketMillis()
                                    + " ms ROWTIME buckets";
        }
        if (planner.nestedQueries > 0) {
            detail +=
                    "; "
                            + planner.nestedQueries
                            + " quer"
                            + (planner.nestedQueries == 1 ? "y" : "ies")
                            + " nested in FROM → views";
        }
        return detail;
    }

    /**
     * Whether a window runs on flink-kda's per-event sliding operator: KDA's {@code RANGE INTERVAL
     * … PRECEDING}, whose rows with an equal ROWTIME arriving later are not in a row's window.
     * {@code ROWS} windows (by arrival already) and {@code RANGE UNBOUNDED PRECEDING} go to Flink's
     * {@code OVER}.
     */
    public static boolean onPerEventOperator(SlidingWindow window) {
        return window.unit() == SlidingWindow.Unit.RANGE
                && !window.unbounded()
                && window.preceding() > 0;
    }

    /** Whether {@code call} is {@code LAG}, which Flink's OVER takes without a frame. */
    public static boolean isLag(TypedExpression call) {
        return call instanceof Call c && c.function().name().equals("LAG");
    }

    /** The value of a whole-number literal the analyser checked. */
    private static long number(TypedExpression literal) {
        return new java.math.BigDecimal(((Literal) literal).value()).longValueExact();
    }

    /** The distinct windows of a query's analytic calls, in the order they first appear. */
    private static Map<SlidingWindow, List<Call>> overWindows(AnalyzedQuery query) {
        Map<SlidingWindow, List<Call>> windows = new LinkedHashMap<>();
        for (OutputColumn item : query.items()) {
            TypedExpressions.forEach(
                    item.expression(),
                    e -> {
                        if (e instanceof WindowedCall windowed) {
                            List<Call> calls =
                                    windows.computeIfAbsent(
                                            windowed.window(), w -> new ArrayList<>());
                            if (!calls.contains(windowed.call())) {
                                calls.add(windowed.call());
                            }
                        }
                    });
        }
        return windows;
    }

    /** How a query's final select list is made from its (rewritten) items and ROWTIME. */
    @FunctionalInterface
    private interface Shaper {
        List<NamedExpression> items(List<TypedExpression> items, TypedExpression rowtime);
    }

    /** Plans the queries of one pump, the nested ones as views named after the pump. */
    private final class QueryPlanner {

        private final AnalyzedPump pump;
        private final String viewPrefix;
        private int nestedQueries;

        /** Inputs read through a {@link PlanStep.RowErrors} check instead of directly. */
        private final Map<AnalyzedRelation, From.Aliased> checkedInputs = new IdentityHashMap<>();

        QueryPlanner(AnalyzedPump pump, String viewPrefix) {
            this.pump = pump;
            this.viewPrefix = viewPrefix;
        }

        /**
         * A node giving {@code query}'s rows as {@code shaper} shapes them. A windowed query
         * becomes steps of its own, and the node reads the last of them.
         */
        PlanNode plan(AnalyzedQuery query, Shaper shaper) {
            checkRowErrors(query, shaper);
            switch (query.shape()) {
                case TUMBLING_WINDOW:
                    return tumbling(query, shaper);
                case STAGGER_WINDOW:
                    return stagger(query, shaper);
                case OVER_WINDOW:
                    return over(query, shaper);
                default:
                    if (query.sort().isPresent()) {
                        return sorted(query, shaper);
                    }
                    if (query.distinctBucketMillis().isPresent()) {
                        return distinct(query, shaper);
                    }
                    PlanNode.Project projection =
                            new PlanNode.Project(
                                    from(query.from()),
                                    shaper.items(items(query), query.inputRowtime()),
                                    query.where());
                    // the rows of a join are checked after it; an input's before
                    return query.from() instanceof AnalyzedRelation.Leaf
                            ? projection
                            : checkedAfter(projection);
            }
        }

        /**
         * {@code ORDER BY bucket, keys}: each row gets the last instant of its bucket as the event
         * time Flink sorts by (so a bucket is complete when the watermark passes it), then the
         * sorted rows take their own ROWTIME back.
         */
        private PlanNode sorted(AnalyzedQuery query, Shaper shaper) {
            StreamSort sort = query.sort().orElseThrow();
            ColumnRef rowtime = query.inputRowtime();
            List<NamedExpression> columns = new ArrayList<>(shaper.items(items(query), rowtime));
            List<PlanColumn> output = columns.stream().map(NamedExpression::column).toList();
            TypedExpression bucketEnd = rowtime;
            if (sort.bucketMillis() > 1) {
                Call start =
                        Call.of(
                                KdaFunctionTable.STEP_TIME,
                                List.of(
                                        rowtime,
                                        Literal.of(
                                                Literal.Kind.NUMBER,
                                                Long.toString(sort.bucketMillis()),
                                                DataTypes.BIGINT())),
                                rowtime.type());
                bucketEnd =
                        Call.of(
                                KdaFunctionTable.PLUS,
                                List.of(start, millis(sort.bucketMillis() - 1)),
                                rowtime.type());
            }
            columns.add(new NamedExpression(SORT_BUCKET, bucketEnd));
            for (int i = 0; i < sort.keys().size(); i++) {
                TypedExpression key = sort.keys().get(i).expression();
                // a copy of ROWTIME is a value: one event-time attribute per view
                columns.add(
                        new NamedExpression(
                                "__S" + i,
                                query.isInputRowtime(key) ? cast(key, key.type()) : key));
            }
            String input = viewPrefix + "_SORT_INPUT";
            PlanStep.RowtimeView bucketed =
                    new PlanStep.RowtimeView(
                            input,
                            new PlanNode.Project(from(query.from()), columns, query.where()),
                            SORT_BUCKET,
                            0);
            steps.add(bucketed);
            // A bucket's rows come out together, in any time order: ROWTIME's watermark trails
            // them by a bucket, so that windows over the sorted stream lose none.
            return sortByKeys(
                    input,
                    bucketed.columns(),
                    output.size(),
                    SORT_BUCKET,
                    sort,
                    sort.bucketMillis());
        }

        /**
         * {@code SELECT STREAM DISTINCT}: the first of equal rows within each ROWTIME bucket,
         * emitted when the bucket ends; a bucket's rows keep their ROWTIME, whose watermark trails
         * them by a bucket.
         */
        private PlanNode distinct(AnalyzedQuery query, Shaper shaper) {
            long bucket = query.distinctBucketMillis().getAsLong();
            String input = viewPrefix + "_DISTINCT_INPUT";
            PlanStep rows =
                    new PlanStep.View(
                            input,
                            new PlanNode.Project(
                                    from(query.from()),
                                    shaper.items(items(query), query.inputRowtime()),
                                    query.where()));
            steps.add(rows);
            String distinctView = viewPrefix + "_DISTINCT";
            PlanStep distinct =
                    new PlanStep.View(
                            distinctView,
                            new PlanNode.WindowDistinct(
                                    new PlanNode.Scan(input, rows.columns()), input, bucket));
            steps.add(distinct);
            List<NamedExpression> kept = new ArrayList<>();
            for (PlanColumn column : distinct.columns()) {
                kept.add(new NamedExpression(column.name(), column(distinctView, column)));
            }
            PlanStep step =
                    new PlanStep.RowtimeView(
                            viewPrefix,
                            new PlanNode.Project(
                                    new From.Aliased(
                                            new PlanNode.Scan(distinctView, distinct.columns()),
                                            distinctView),
                                    kept,
                                    Optional.empty()),
                            StreamDefinition.ROWTIME,
                            bucket);
            steps.add(step);
            return new PlanNode.Scan(step.name(), step.columns());
        }

        private List<TypedExpression> items(AnalyzedQuery query) {
            return query.items().stream().map(OutputColumn::expression).toList();
        }

        private From from(AnalyzedRelation relation) {
            if (relation instanceof AnalyzedRelation.LookupJoin join) {
                return new From.LookupJoin(
                        join.stream() instanceof AnalyzedRelation.LookupJoin
                                ? from(join.stream())
                                : aliased(join.stream()),
                        scan(join.table().stream()),
                        join.table().alias(),
                        join.type(),
                        join.on());
            }
            if (relation instanceof AnalyzedRelation.IntervalJoin join) {
                return new From.IntervalJoin(
                        aliased(join.left()),
                        aliased(join.right()),
                        join.type(),
                        join.on(),
                        join.precedingMillis());
            }
            return aliased((AnalyzedRelation.Leaf) relation);
        }

        private From.Aliased aliased(AnalyzedRelation relation) {
            From.Aliased checked = checkedInputs.get(relation);
            if (checked != null) {
                return checked;
            }
            if (relation instanceof AnalyzedRelation.StreamRelation stream) {
                return new From.Aliased(scan(stream.stream()), stream.alias());
            }
            if (relation instanceof AnalyzedRelation.TableFunctionRelation function) {
                return new From.Aliased(tableFunction(function), function.alias());
            }
            AnalyzedRelation.DerivedRelation derived = (AnalyzedRelation.DerivedRelation) relation;
            return new From.Aliased(nested(derived), derived.alias());
        }

        private PlanNode.Scan scan(StreamDefinition stream) {
            List<PlanColumn> columns = new ArrayList<>();
            for (RelationColumn column : stream.readableColumns()) {
                columns.add(new PlanColumn(column.name(), column.type()));
            }
            return new PlanNode.Scan(stream.name(), columns);
        }

        /**
         * A query nested in {@code FROM}, as a view of its own: its items under the names the outer
         * query reads, then its ROWTIME.
         */
        private PlanNode.Scan nested(AnalyzedRelation.DerivedRelation derived) {
            nestedQueries++;
            String view = bounded(viewPrefix + "_" + derived.alias() + "_" + nestedQueries);
            Shaper shaper =
                    (items, rowtime) -> {
                        List<NamedExpression> named = new ArrayList<>();
                        for (int i = 0; i < items.size(); i++) {
                            // a copy of ROWTIME is a value: one event-time attribute per view
                            TypedExpression item = items.get(i);
                            named.add(
                                    new NamedExpression(
                                            derived.columns().get(i).name(),
                                            item.equals(rowtime) ? cast(item, item.type()) : item));
                        }
                        named.add(new NamedExpression(StreamDefinition.ROWTIME, rowtime));
                        return named;
                    };
            PlanNode node = new QueryPlanner(pump, view).planInto(derived.query(), shaper, this);
            if (node instanceof PlanNode.Scan scan && scan.name().equals(view)) {
                return scan; // a window made the view already
            }
            PlanStep step = new PlanStep.View(view, node);
            steps.add(step);
            return new PlanNode.Scan(view, step.columns());
        }

        /** A table function: its cursor as a view, then flink-kda's operator over it. */
        private PlanNode.Scan tableFunction(AnalyzedRelation.TableFunctionRelation function) {
            PlanNode.Scan cursor = nested(function.cursor());
            String view = viewPrefix + "_" + function.call().name();
            List<PlanColumn> columns = new ArrayList<>();
            for (RelationColumn column : function.columns()) {
                columns.add(new PlanColumn(column.name(), column.type()));
            }
            PlanStep step = new PlanStep.TableFunction(view, cursor, function.call(), columns);
            steps.add(step);
            return new PlanNode.Scan(view, columns);
        }

        /** Plans {@code query} with this planner's prefix, counting into {@code outer}. */
        private PlanNode planInto(AnalyzedQuery query, Shaper shaper, QueryPlanner outer) {
            PlanNode node = plan(query, shaper);
            outer.nestedQueries += nestedQueries;
            return node;
        }

        /** The input of a window: a table or view by name, with the query's alias for it. */
        private From.Aliased windowInput(AnalyzedQuery query) {
            return aliased(query.input());
        }

        private PlanNode tumbling(AnalyzedQuery query, Shaper shaper) {
            TumblingWindow window = query.tumbling().orElseThrow();
            From.Aliased input = windowInput(query);
            String alias = input.alias();
            ColumnRef start =
                    new ColumnRef(
                            alias, PlanNode.TumblingAggregate.WINDOW_START, DataTypes.TIMESTAMP(3));
            ColumnRef end =
                    new ColumnRef(
                            alias, PlanNode.TumblingAggregate.WINDOW_END, DataTypes.TIMESTAMP(3));
            java.util.function.Function<TypedExpression, TypedExpression> rewrite =
                    e ->
                            TypedExpressions.replace(
                                    e,
                                    x -> {
                                        if (x.equals(window.timeKey())) {
                                            return Optional.of(valueAtStart(window, query, start));
                                        }
                                        if (query.isInputRowtime(x)) {
                                            return Optional.of(end);
                                        }
                                        if (TypedExpressions.isAggregate(x)) {
                                            return Optional.of(x);
                                        }
                                        return Optional.empty();
                                    });
            List<TypedExpression> keys = new ArrayList<>();
            for (TypedExpression key : query.groupBy()) {
                if (!key.equals(window.timeKey())) {
                    keys.add(key);
                }
            }
            List<TypedExpression> items = new ArrayList<>();
            items(query).forEach(i -> items.add(rewrite.apply(i)));
            List<NamedExpression> columns = new ArrayList<>(shaper.items(items, end));
            int output = columns.size();
            query.sort()
                    .ifPresent(
                            sort -> {
                                for (int i = 0; i < sort.keys().size(); i++) {
                                    columns.add(
                                            new NamedExpression(
                                                    "__S" + i,
                                                    rewrite.apply(
                                                            sort.keys().get(i).expression())));
                                }
                            });
            // what is computed from the aggregates is checked after the window
            RowErrorGuard.SafeRow safe =
                    RowErrorGuard.safeRow(
                            query.having().map(rewrite),
                            columns.stream().map(NamedExpression::expression).toList(),
                            true);
            Optional<TypedExpression> having = query.having().map(rewrite);
            if (safe.error().isPresent()) {
                for (int i = 0; i < columns.size(); i++) {
                    columns.set(
                            i,
                            new NamedExpression(columns.get(i).name(), safe.expressions().get(i)));
                }
                columns.add(new NamedExpression(ROW_ERROR, safe.error().get()));
                having = safe.where();
            }
            PlanNode.TumblingAggregate aggregate =
                    new PlanNode.TumblingAggregate(
                            (PlanNode.Scan) input.node(),
                            alias,
                            window.sizeMillis(),
                            query.where(),
                            keys,
                            columns,
                            having);
            if (query.sort().isEmpty() && safe.error().isEmpty()) {
                PlanStep step = new PlanStep.RowtimeView(nextView(), aggregate);
                steps.add(step);
                return new PlanNode.Scan(step.name(), step.columns());
            }
            PlanStep windowed = new PlanStep.RowtimeView(viewPrefix + "_WINDOW", aggregate);
            steps.add(windowed);
            PlanNode.Scan rows = new PlanNode.Scan(windowed.name(), windowed.columns());
            if (safe.error().isPresent()) {
                List<NamedExpression> all = new ArrayList<>();
                for (PlanColumn column : rows.columns()) {
                    all.add(new NamedExpression(column.name(), column(rows.name(), column)));
                }
                PlanStep.RowErrors checked =
                        new PlanStep.RowErrors(
                                query.sort().isEmpty()
                                        ? nextView()
                                        : bounded(viewPrefix + "_CHECKED_OUT"),
                                new PlanNode.Project(
                                        new From.Aliased(rows, rows.name()), all, Optional.empty()),
                                ROW_ERROR,
                                pump.name());
                steps.add(checked);
                rows = new PlanNode.Scan(checked.name(), checked.columns());
                if (query.sort().isEmpty()) {
                    return rows;
                }
            }
            // ORDER BY: a window's rows share their ROWTIME, the window end, and are sorted by
            // the other keys.
            return sortByKeys(
                    rows.name(),
                    rows.columns(),
                    output,
                    StreamDefinition.ROWTIME,
                    query.sort().get(),
                    0);
        }

        /**
         * Sorts the rows of {@code view} by its {@code time} column (an event-time attribute) and
         * then by the sort keys, which are its columns after the first {@code output}; the result,
         * the view {@code viewPrefix}, has the first {@code output} columns, {@code ROWTIME} last
         * and an event-time attribute again, its watermark trailing by {@code outOfOrderMillis}.
         */
        private PlanNode.Scan sortByKeys(
                String view,
                List<PlanColumn> columns,
                int output,
                String time,
                StreamSort sort,
                long outOfOrderMillis) {
            List<PlanNode.SortKey> keys = new ArrayList<>();
            PlanColumn timeColumn =
                    columns.stream().filter(c -> c.name().equals(time)).findFirst().orElseThrow();
            keys.add(
                    new PlanNode.SortKey(
                            column(view, timeColumn), false, StreamSort.NullOrder.DEFAULT));
            List<PlanColumn> hidden =
                    columns.subList(columns.size() - sort.keys().size(), columns.size());
            for (int i = 0; i < sort.keys().size(); i++) {
                StreamSort.Key key = sort.keys().get(i);
                keys.add(
                        new PlanNode.SortKey(
                                column(view, hidden.get(i)), key.descending(), key.nulls()));
            }
            String sortedView = viewPrefix + "_SORTED";
            steps.add(
                    new PlanStep.View(
                            sortedView,
                            new PlanNode.Sort(
                                    new From.Aliased(new PlanNode.Scan(view, columns), view),
                                    keys)));
            List<NamedExpression> kept = new ArrayList<>();
            for (PlanColumn column : columns.subList(0, output)) {
                kept.add(new NamedExpression(column.name(), column(sortedView, column)));
            }
            PlanStep step =
                    new PlanStep.RowtimeView(
                            viewPrefix,
                            new PlanNode.Project(
                                    new From.Aliased(
                                            new PlanNode.Scan(sortedView, columns), sortedView),
                                    kept,
                                    Optional.empty()),
                            StreamDefinition.ROWTIME,
                            outOfOrderMillis);
            steps.add(step);
            return new PlanNode.Scan(step.name(), step.columns());
        }

        /**
         * The window key's value for the window's rows: the key evaluated at the window's start;
         * {@code STEP(ROWTIME BY …)} and {@code FLOOR(ROWTIME TO …)} are the start itself.
         */
        private static TypedExpression valueAtStart(
                TumblingWindow window, AnalyzedQuery query, ColumnRef start) {
            TypedExpression key = window.timeKey();
            if (key instanceof Call call
                    && (call.function() == KdaFunctionTable.STEP_TIME
                            || call.function() == KdaFunctionTable.FLOOR_TO)
                    && query.isInputRowtime(call.arguments().get(0))) {
                return start;
            }
            return TypedExpressions.replace(
                    key, x -> query.isInputRowtime(x) ? Optional.of(start) : Optional.empty());
        }

        private String nextView() {
            return viewPrefix;
        }

        private PlanNode stagger(AnalyzedQuery query, Shaper shaper) {
            List<TypedExpression> keys = query.stagger().orElseThrow().partitionBy();
            List<NamedExpression> columns = new ArrayList<>();
            for (int k = 0; k < keys.size(); k++) {
                columns.add(new NamedExpression("__K" + k, cast(keys.get(k), keys.get(k).type())));
            }
            List<Call> calls = new ArrayList<>();
            for (TypedExpression item : items(query)) {
                collectAggregates(item, keys, calls);
            }
            List<WindowAggregate> aggregates = new ArrayList<>();
            // one column per distinct argument: SUM(x), AVG(x), COUNT(DISTINCT x) read one
            Map<TypedExpression, Integer> argumentColumns = new HashMap<>();
            for (int j = 0; j < calls.size(); j++) {
                Call call = calls.get(j);
                if (call.star()) {
                    aggregates.add(
                            WindowAggregate.of(WindowAggregate.Function.COUNT_ALL, -1, null));
                    continue;
                }
                WindowAggregate.Function function = staggerFunction(call);
                TypedExpression argument = call.arguments().get(0);
                Integer column = argumentColumns.get(argument);
                if (column == null) {
                    column = columns.size();
                    argumentColumns.put(argument, column);
                    columns.add(new NamedExpression("__A" + j, cast(argument, argument.type())));
                }
                aggregates.add(
                        call.distinct() && WindowAggregate.DISTINCT_FUNCTIONS.contains(function)
                                ? WindowAggregate.distinct(function, column, argument.type())
                                : WindowAggregate.of(function, column, argument.type()));
            }
            columns.add(new NamedExpression(StreamDefinition.ROWTIME, query.inputRowtime()));
            String view = "__STAGGER_" + viewPrefix.substring("__PUMP_".length());
            PlanStep.StaggerAggregation step =
                    new PlanStep.StaggerAggregation(
                            view,
                            new PlanNode.Project(from(query.from()), columns, query.where()),
                            keys.size(),
                            aggregates,
                            query.stagger().get().rangeMillis());
            steps.add(step);
            ColumnRef rowtime =
                    new ColumnRef(view, StreamDefinition.ROWTIME, DataTypes.TIMESTAMP(3));
            List<PlanColumn> output = step.columns();
            List<TypedExpression> items = new ArrayList<>();
            for (TypedExpression item : items(query)) {
                items.add(
                        TypedExpressions.replace(
                                item,
                                x -> {
                                    int key = keys.indexOf(x);
                                    if (key >= 0) {
                                        return Optional.of(column(view, output.get(key)));
                                    }
                                    int aggregate = calls.indexOf(x);
                                    if (aggregate >= 0) {
                                        return Optional.of(
                                                asTyped(
                                                        column(
                                                                view,
                                                                output.get(
                                                                        keys.size() + aggregate)),
                                                        x.type()));
                                    }
                                    if (x.equals(query.inputRowtime())) {
                                        return Optional.of(rowtime);
                                    }
                                    return Optional.empty();
                                }));
            }
            return checkedAfter(
                    new PlanNode.Project(
                            new From.Aliased(new PlanNode.Scan(view, output), view),
                            shaper.items(items, rowtime),
                            Optional.empty()));
        }

        /**
         * The operator's function for a stagger window's aggregate: the function table's, with
         * {@code ANY} and {@code EVERY} as {@code MAX} and {@code MIN} of the condition (FALSE &lt;
         * TRUE), as the table maps them.
         */
        private static WindowAggregate.Function staggerFunction(Call call) {
            switch (call.function().name()) {
                case "ANY":
                    return WindowAggregate.Function.MAX;
                case "EVERY":
                    return WindowAggregate.Function.MIN;
                default:
                    return WindowAggregate.Function.valueOf(call.function().name());
            }
        }

        /**
         * An operator's aggregate as the type the function table gives the call (e.g. {@code
         * VAR_POP} of an INTEGER is an INTEGER, computed as a DOUBLE), so that the expressions
         * around it mean what the analyser typed; as it is when the types agree.
         */
        private static TypedExpression asTyped(ColumnRef aggregate, DataType type) {
            return aggregate
                            .type()
                            .getLogicalType()
                            .copy(true)
                            .equals(type.getLogicalType().copy(true))
                    ? aggregate
                    : cast(aggregate, type);
        }

        private void collectAggregates(
                TypedExpression e, List<TypedExpression> keys, List<Call> calls) {
            if (keys.contains(e)) {
                return;
            }
            if (TypedExpressions.isAggregate(e)) {
                if (!calls.contains(e)) {
                    calls.add((Call) e);
                }
                return;
            }
            for (TypedExpression child : TypedExpressions.children(e)) {
                collectAggregates(child, keys, calls);
            }
        }

        private PlanNode over(AnalyzedQuery query, Shaper shaper) {
            From.Aliased input = aliased(query.input());
            String alias = input.alias();
            List<NamedExpression> all = new ArrayList<>();
            for (PlanColumn column : input.node().columns()) {
                all.add(new NamedExpression(column.name(), column(alias, column)));
            }
            PlanNode current = new PlanNode.Project(input, all, query.where());
            ColumnRef rowtime = query.inputRowtime();
            Map<WindowedCall, ColumnRef> computed = new HashMap<>();
            int next = 0;
            int operators = 0;
            for (Map.Entry<SlidingWindow, List<Call>> window : overWindows(query).entrySet()) {
                if (onPerEventOperator(window.getKey())) {
                    String view =
                            "__RANGE_"
                                    + viewPrefix.substring("__PUMP_".length())
                                    + "_"
                                    + operators++;
                    PlanStep.PerEventAggregation step =
                            perEvent(
                                    view,
                                    current,
                                    alias,
                                    rowtime,
                                    window.getKey(),
                                    window.getValue(),
                                    next);
                    steps.add(step);
                    for (int j = 0; j < window.getValue().size(); j++) {
                        computed.put(
                                new WindowedCall(window.getValue().get(j), window.getKey()),
                                new ColumnRef(
                                        alias,
                                        step.aggregateColumns().get(j),
                                        step.aggregates().get(j).resultType()));
                    }
                    next += window.getValue().size();
                    current = new PlanNode.Scan(step.name(), step.columns());
                    continue;
                }
                // LAG has no frame in Flink: a level of its own
                for (boolean lags : new boolean[] {false, true}) {
                    List<NamedExpression> aggregates = new ArrayList<>();
                    for (Call call : window.getValue()) {
                        if (isLag(call) != lags) {
                            continue;
                        }
                        String name = "__O" + next++;
                        aggregates.add(new NamedExpression(name, call));
                        computed.put(
                                new WindowedCall(call, window.getKey()),
                                new ColumnRef(alias, name, call.type()));
                    }
                    if (!aggregates.isEmpty()) {
                        current =
                                new PlanNode.OverAggregate(
                                        new From.Aliased(current, alias),
                                        window.getKey(),
                                        rowtime,
                                        aggregates);
                    }
                }
            }
            List<TypedExpression> items = new ArrayList<>();
            for (TypedExpression item : items(query)) {
                items.add(
                        TypedExpressions.replace(item, x -> Optional.ofNullable(computed.get(x))));
            }
            return checkedAfter(
                    new PlanNode.Project(
                            new From.Aliased(current, alias),
                            shaper.items(items, rowtime),
                            Optional.empty()));
        }

        /**
         * The per-event operator step of one {@code RANGE} window: its input is {@code current}'s
         * rows with the partition keys first and the aggregates' arguments last; the aggregates'
         * columns are {@code __O<first>, …}.
         */
        private PlanStep.PerEventAggregation perEvent(
                String view,
                PlanNode current,
                String alias,
                ColumnRef rowtime,
                SlidingWindow window,
                List<Call> calls,
                int first) {
            List<NamedExpression> columns = new ArrayList<>();
            List<TypedExpression> keys = window.partitionBy();
            for (int k = 0; k < keys.size(); k++) {
                columns.add(new NamedExpression("__K" + first + "_" + k, keys.get(k)));
            }
            for (PlanColumn column : current.columns()) {
                columns.add(new NamedExpression(column.name(), column(alias, column)));
            }
            List<WindowAggregate> aggregates = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int j = 0; j < calls.size(); j++) {
                Call call = calls.get(j);
                String suffix = (first + j) + "";
                names.add("__O" + suffix);
                if (call.star()) {
                    aggregates.add(
                            WindowAggregate.of(WindowAggregate.Function.COUNT_ALL, -1, null));
                    continue;
                }
                WindowAggregate.Function function =
                        WindowAggregate.Function.valueOf(call.function().name());
                TypedExpression argument = call.arguments().get(0);
                int argumentColumn = columns.size();
                columns.add(new NamedExpression("__A" + suffix, argument));
                int second = -1;
                long parameter = 0;
                switch (function) {
                    case LAG:
                        parameter =
                                call.arguments().size() > 1 ? number(call.arguments().get(1)) : 1;
                        if (call.arguments().size() > 2) {
                            second = columns.size();
                            columns.add(
                                    new NamedExpression(
                                            "__D" + suffix,
                                            cast(call.arguments().get(2), argument.type())));
                        }
                        break;
                    case NTH_VALUE:
                        parameter = number(call.arguments().get(1));
                        break;
                    case EXP_AVG:
                        parameter = number(call.arguments().get(1));
                        second = columns.size();
                        // a value: the view has one time attribute, ROWTIME
                        columns.add(
                                new NamedExpression(
                                        "__T" + suffix, cast(rowtime, DataTypes.TIMESTAMP(3))));
                        break;
                    default:
                        break;
                }
                aggregates.add(
                        new WindowAggregate(
                                function,
                                argumentColumn,
                                argument.type(),
                                second,
                                parameter,
                                call.keyword().contains(KdaFunctionTable.IGNORE_NULLS),
                                call.keyword().contains(KdaFunctionTable.FROM_LAST),
                                false));
            }
            return new PlanStep.PerEventAggregation(
                    view,
                    new PlanNode.Project(
                            new From.Aliased(current, alias), columns, Optional.empty()),
                    keys.size(),
                    aggregates,
                    names,
                    window.preceding());
        }

        private ColumnRef column(String relation, PlanColumn column) {
            return new ColumnRef(relation, column.name(), column.type());
        }

        /**
         * When the query's expressions can raise an error on a row ({@link RowErrorGuard}), a
         * {@link PlanStep.RowErrors} step checks its input's rows first, and the query reads the
         * rows without error under the input's alias. A join's rows are not checked.
         */
        private void checkRowErrors(AnalyzedQuery query, Shaper shaper) {
            if (!(query.from() instanceof AnalyzedRelation.Leaf leaf)) {
                return;
            }
            Optional<TypedExpression> error =
                    RowErrorGuard.error(query.where(), rowExpressions(query, shaper));
            if (error.isEmpty()) {
                return;
            }
            From.Aliased input = aliased(leaf);
            List<NamedExpression> items = new ArrayList<>();
            for (PlanColumn column : input.node().columns()) {
                items.add(new NamedExpression(column.name(), column(input.alias(), column)));
            }
            items.add(new NamedExpression(ROW_ERROR, error.get()));
            PlanStep.RowErrors step =
                    new PlanStep.RowErrors(
                            viewPrefix + "_CHECKED",
                            new PlanNode.Project(input, items, Optional.empty()),
                            ROW_ERROR,
                            pump.name());
            steps.add(step);
            checkedInputs.put(
                    leaf,
                    new From.Aliased(
                            new PlanNode.Scan(step.name(), step.columns()), input.alias()));
        }

        /**
         * {@code projection}, checked after it is evaluated, when its expressions can raise an
         * error on a row: it evaluates their safe forms ({@link RowErrorGuard#safeRow}) and the
         * error as one more column, and a {@link PlanStep.RowErrors} step splits the rows with an
         * error off. For what no input row can be checked for before: the rows of a join, and what
         * is computed from a window's aggregates; {@code DATA_ROW} is then the output row.
         */
        private PlanNode checkedAfter(PlanNode.Project projection) {
            List<TypedExpression> expressions =
                    projection.items().stream().map(NamedExpression::expression).toList();
            RowErrorGuard.SafeRow safe =
                    RowErrorGuard.safeRow(projection.where(), expressions, false);
            if (safe.error().isEmpty()) {
                return projection;
            }
            List<NamedExpression> items = new ArrayList<>();
            for (int i = 0; i < expressions.size(); i++) {
                items.add(
                        new NamedExpression(
                                projection.items().get(i).name(), safe.expressions().get(i)));
            }
            items.add(new NamedExpression(ROW_ERROR, safe.error().get()));
            PlanStep.RowErrors step =
                    new PlanStep.RowErrors(
                            bounded(viewPrefix + "_CHECKED_OUT"),
                            new PlanNode.Project(projection.from(), items, safe.where()),
                            ROW_ERROR,
                            pump.name());
            steps.add(step);
            return new PlanNode.Scan(step.name(), step.columns());
        }

        /**
         * The expressions the query evaluates on each input row that its {@code WHERE} keeps: the
         * select items (into the target's types) and sort keys of a projection; the group keys and
         * the aggregates' arguments of a window (what the aggregates make of them is not checked);
         * the windowed aggregates' arguments and partition keys of an {@code OVER} query.
         */
        private List<TypedExpression> rowExpressions(AnalyzedQuery query, Shaper shaper) {
            List<TypedExpression> expressions = new ArrayList<>();
            List<TypedExpression> items = items(query);
            switch (query.shape()) {
                case TUMBLING_WINDOW:
                case STAGGER_WINDOW:
                    expressions.addAll(query.groupBy());
                    query.stagger().ifPresent(s -> expressions.addAll(s.partitionBy()));
                    List<TypedExpression> grouped = new ArrayList<>(items);
                    query.having().ifPresent(grouped::add);
                    query.sort().ifPresent(s -> s.keys().forEach(k -> grouped.add(k.expression())));
                    for (TypedExpression e : grouped) {
                        TypedExpressions.forEach(
                                e,
                                x -> {
                                    if (TypedExpressions.isAggregate(x)) {
                                        expressions.addAll(((Call) x).arguments());
                                    }
                                });
                    }
                    break;
                case OVER_WINDOW:
                    for (TypedExpression e : items) {
                        TypedExpressions.forEach(
                                e,
                                x -> {
                                    if (x instanceof WindowedCall windowed) {
                                        expressions.addAll(TypedExpressions.children(windowed));
                                    }
                                });
                    }
                    break;
                default:
                    shaper.items(items, query.inputRowtime())
                            .forEach(i -> expressions.add(i.expression()));
                    query.sort()
                            .ifPresent(s -> s.keys().forEach(k -> expressions.add(k.expression())));
            }
            return expressions;
        }
    }
}
