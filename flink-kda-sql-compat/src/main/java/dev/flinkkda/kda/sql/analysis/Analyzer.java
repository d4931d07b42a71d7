package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.AllColumns;
import dev.flinkkda.kda.sql.ast.ColumnDefinition;
import dev.flinkkda.kda.sql.ast.ColumnReference;
import dev.flinkkda.kda.sql.ast.CreatePump;
import dev.flinkkda.kda.sql.ast.CreateStream;
import dev.flinkkda.kda.sql.ast.Expression;
import dev.flinkkda.kda.sql.ast.FrameBound;
import dev.flinkkda.kda.sql.ast.FunctionCall;
import dev.flinkkda.kda.sql.ast.Identifier;
import dev.flinkkda.kda.sql.ast.IntervalLiteral;
import dev.flinkkda.kda.sql.ast.Join;
import dev.flinkkda.kda.sql.ast.JoinType;
import dev.flinkkda.kda.sql.ast.KdaScript;
import dev.flinkkda.kda.sql.ast.NamedWindow;
import dev.flinkkda.kda.sql.ast.Query;
import dev.flinkkda.kda.sql.ast.Relation;
import dev.flinkkda.kda.sql.ast.Select;
import dev.flinkkda.kda.sql.ast.SelectExpression;
import dev.flinkkda.kda.sql.ast.SelectItem;
import dev.flinkkda.kda.sql.ast.SortItem;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.Statement;
import dev.flinkkda.kda.sql.ast.StreamReference;
import dev.flinkkda.kda.sql.ast.SubqueryRelation;
import dev.flinkkda.kda.sql.ast.TableFunctionRelation;
import dev.flinkkda.kda.sql.ast.Union;
import dev.flinkkda.kda.sql.ast.WindowFrame;
import dev.flinkkda.kda.sql.ast.WindowReference;
import dev.flinkkda.kda.sql.ast.WindowSpec;
import dev.flinkkda.kda.sql.expr.Call;
import dev.flinkkda.kda.sql.expr.Casts;
import dev.flinkkda.kda.sql.expr.ColumnRef;
import dev.flinkkda.kda.sql.expr.FieldAccess;
import dev.flinkkda.kda.sql.expr.TypedExpression;
import dev.flinkkda.kda.sql.expr.TypedExpressions;
import dev.flinkkda.kda.sql.expr.WindowedCall;
import dev.flinkkda.kda.sql.functions.KdaFunctionTable;
import dev.flinkkda.kda.sql.types.KdaTypes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The analysis stage: resolves a parsed application's streams and columns by KDA's identifier
 * rules, types every expression, checks each pump against its target stream, and classifies each
 * query ({@link PumpShape}), nested queries included. Everything it cannot translate is rejected
 * here, before any job starts, with the position of the construct: the planner never rejects.
 */
public final class Analyzer {

    /**
     * The aggregates the stagger window operator computes itself (runtime.RowAggregate), each also
     * with DISTINCT: every aggregate of the function table. The analytic functions (FIRST_VALUE,
     * LAST_VALUE, NTH_VALUE, LAG, EXP_AVG) need OVER in KDA (SR: "FIRST_VALUE requires the OVER
     * clause"), so a stagger window never sees them.
     */
    private static final Set<String> STAGGER_AGGREGATES =
            Set.of(
                    "COUNT",
                    "SUM",
                    "AVG",
                    "MIN",
                    "MAX",
                    "VAR_POP",
                    "VAR_SAMP",
                    "STDDEV_POP",
                    "STDDEV_SAMP",
                    "ANY",
                    "EVERY");

    private final String sourceName;
    private final Map<String, StreamDefinition> streams = new LinkedHashMap<>();

    private Analyzer(String sourceName) {
        this.sourceName = sourceName;
    }

    /**
     * Analyses {@code script}, whose {@code FROM}s may name the given input streams and reference
     * tables besides its own streams.
     *
     * @throws KdaSemanticException for the first problem found, in source order
     */
    public static AnalyzedApplication analyze(
            KdaScript script,
            List<StreamDefinition> inputs,
            List<StreamDefinition> referenceTables) {
        Analyzer analyzer = new Analyzer(script.sourceName());
        for (StreamDefinition input : inputs) {
            analyzer.streams.put(input.name(), input);
        }
        for (StreamDefinition table : referenceTables) {
            analyzer.streams.put(table.name(), table);
        }
        for (Statement statement : script.statements()) {
            if (statement instanceof CreateStream create) {
                analyzer.define(create);
            }
        }
        List<AnalyzedPump> pumps = new ArrayList<>();
        Map<String, SourcePosition> pumpNames = new LinkedHashMap<>();
        for (CreatePump pump : script.pumps()) {
            SourcePosition earlier = pumpNames.putIfAbsent(pump.name().name(), pump.position());
            if (earlier != null) {
                throw analyzer.error(
                        pump.name().position(),
                        "pump \"" + pump.name().name() + "\" is already defined at " + earlier);
            }
            pumps.addAll(analyzer.analyzePump(pump));
        }
        return new AnalyzedApplication(
                script.sourceName(),
                analyzer.streams,
                pumps,
                StreamOrder.of(script.sourceName(), analyzer.streams, pumps));
    }

    private void define(CreateStream create) {
        String name = create.name().name();
        StreamDefinition existing = streams.get(name);
        if (existing != null) {
            String where =
                    existing.definedAt().map(p -> "at " + p).orElse("as " + describe(existing));
            throw error(
                    create.name().position(),
                    "stream \"" + name + "\" is already defined " + where);
        }
        List<StreamColumn> columns = new ArrayList<>();
        Map<String, SourcePosition> seen = new LinkedHashMap<>();
        for (ColumnDefinition column : create.columns()) {
            String columnName = column.name().name();
            if (columnName.equals(StreamDefinition.ROWTIME)) {
                throw error(
                        column.position(),
                        "ROWTIME is the system column of every stream; it cannot be declared");
            }
            SourcePosition earlier = seen.putIfAbsent(columnName, column.position());
            if (earlier != null) {
                throw error(
                        column.position(),
                        "column \"" + columnName + "\" is already declared at " + earlier);
            }
            try {
                KdaTypes.toFlink(column.type());
            } catch (IllegalArgumentException e) {
                throw error(column.type().position(), e.getMessage());
            }
            columns.add(new StreamColumn(columnName, column.type()));
        }
        streams.put(
                name,
                new StreamDefinition(
                        name, StreamKind.IN_APPLICATION, columns, Optional.of(create.position())));
    }

    private static String describe(StreamDefinition stream) {
        switch (stream.kind()) {
            case INPUT:
                return "an input stream";
            case REFERENCE_TABLE:
                return "a reference table";
            default:
                return "a stream";
        }
    }

    private List<AnalyzedPump> analyzePump(CreatePump pump) {
        StreamDefinition target = lookup(pump.targetStream());
        if (target.kind() != StreamKind.IN_APPLICATION) {
            throw error(
                    pump.targetStream().position(),
                    "pump \""
                            + pump.name().name()
                            + "\" inserts into \""
                            + target.name()
                            + "\", which is "
                            + describe(target)
                            + "; pumps insert into streams created by CREATE STREAM");
        }
        List<StreamColumn> targetColumns = new ArrayList<>();
        if (pump.targetColumns().isEmpty()) {
            targetColumns.addAll(target.columns());
        } else {
            for (Identifier column : pump.targetColumns()) {
                targetColumns.add(
                        target.column(column.name())
                                .orElseThrow(
                                        () ->
                                                error(
                                                        column.position(),
                                                        "stream \""
                                                                + target.name()
                                                                + "\" has no column \""
                                                                + column.name()
                                                                + "\""
                                                                + NearestName.hint(
                                                                        column.name(),
                                                                        columnNames(target)))));
            }
        }
        // INSERT INTO s q1 UNION ALL q2: each SELECT writes the stream, as pumps of their own
        List<Select> selects = new ArrayList<>();
        unionBranches(pump.query(), selects);
        List<AnalyzedPump> branches = new ArrayList<>();
        for (int branch = 0; branch < selects.size(); branch++) {
            Select select = selects.get(branch);
            AnalyzedQuery query = new QueryAnalysis(select).analyze();
            if (query.items().size() != targetColumns.size()) {
                int items = query.items().size();
                throw error(
                        select.position(),
                        "pump \""
                                + pump.name().name()
                                + "\" selects "
                                + items
                                + " column"
                                + (items == 1 ? "" : "s")
                                + " but inserts into "
                                + targetColumns.size()
                                + " column"
                                + (targetColumns.size() == 1 ? "" : "s")
                                + " of \""
                                + target.name()
                                + "\" ("
                                + String.join(
                                        ", ",
                                        targetColumns.stream().map(StreamColumn::name).toList())
                                + ")");
            }
            checkInsertable(pump, select, query, targetColumns);
            branches.add(
                    new AnalyzedPump(
                            sourceName,
                            pump,
                            target,
                            targetColumns,
                            query,
                            selects.size() == 1 ? 0 : branch + 1));
        }
        return branches;
    }

    /**
     * Each item must convert to its target column's type as a {@code CAST} would: KDA coerces on
     * insert. Checked here, rather than failing when Flink plans the job.
     */
    private void checkInsertable(
            CreatePump pump, Select select, AnalyzedQuery query, List<StreamColumn> targetColumns) {
        boolean positions =
                select.selectItems().stream().allMatch(SelectExpression.class::isInstance);
        for (int i = 0; i < targetColumns.size(); i++) {
            StreamColumn column = targetColumns.get(i);
            OutputColumn item = query.items().get(i);
            Optional<String> invalid =
                    Casts.invalid(item.expression().type(), KdaTypes.toFlink(column.type()));
            if (invalid.isPresent()) {
                throw error(
                        positions ? select.selectItems().get(i).position() : select.position(),
                        "pump \""
                                + pump.name().name()
                                + "\" inserts item "
                                + (i + 1)
                                + " into column \""
                                + column.name()
                                + "\" of \""
                                + pump.targetStream().name()
                                + "\": "
                                + invalid.get());
            }
        }
    }

    /** The SELECTs of a pump's query: one, or those a {@code UNION ALL} joins, left to right. */
    private void unionBranches(Query query, List<Select> selects) {
        if (query instanceof Select select) {
            selects.add(select);
            return;
        }
        Union union = (Union) query;
        if (!union.all()) {
            throw unsupported(
                    union.position(),
                    "UNION without ALL",
                    "removing duplicate rows from a stream needs state without bound; write UNION"
                            + " ALL");
        }
        unionBranches(union.left(), selects);
        unionBranches(union.right(), selects);
    }

    private AnalyzedQuery analyzeQuery(Query query) {
        if (!(query instanceof Select select)) {
            throw unsupported(
                    query.position(),
                    "UNION in a query nested in FROM",
                    "write its SELECTs as pumps into a stream, and read that stream");
        }
        return new QueryAnalysis(select).analyze();
    }

    private static List<String> columnNames(StreamDefinition stream) {
        return stream.columns().stream().map(StreamColumn::name).toList();
    }

    private StreamDefinition lookup(Identifier name) {
        StreamDefinition stream = streams.get(name.name());
        if (stream == null) {
            throw error(
                    name.position(),
                    "unknown stream \""
                            + name.name()
                            + "\""
                            + NearestName.hint(name.name(), streams.keySet()));
        }
        return stream;
    }

    KdaSemanticException error(SourcePosition position, String message) {
        return new KdaSemanticException(sourceName, position, message);
    }

    UnsupportedConstructException unsupported(
            SourcePosition position, String construct, String why) {
        return new UnsupportedConstructException(sourceName, position, construct, why);
    }

    /** The analysis of one SELECT, a pump's or one nested in a FROM. */
    private final class QueryAnalysis {

        private final Select select;
        private int unnamed;
        private final Map<String, WindowSpec> namedWindows = new LinkedHashMap<>();

        /** The named windows that a stream of the FROM uses, {@code JOIN s OVER w}. */
        private final Set<String> joinWindows = new java.util.HashSet<>();

        private ExpressionAnalyzer expressions;

        QueryAnalysis(Select select) {
            this.select = select;
        }

        AnalyzedQuery analyze() {
            for (NamedWindow window : select.windows()) {
                if (namedWindows.put(window.name().name(), window.specification()) != null) {
                    throw error(
                            window.name().position(),
                            "window \"" + window.name().name() + "\" is defined twice");
                }
            }
            AnalyzedRelation from = bindFrom(select.from(), true);
            List<AnalyzedRelation.Leaf> leaves = from.leaves();
            for (int i = 0; i < leaves.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (leaves.get(i).alias().equals(leaves.get(j).alias())) {
                        throw error(
                                select.from().position(),
                                "\""
                                        + leaves.get(i).alias()
                                        + "\" appears twice in FROM; give one an alias");
                    }
                }
            }
            expressions = new ExpressionAnalyzer(sourceName, leaves, namedWindows);
            // the join condition is analysed once every relation is in scope; a comma join's
            // is its WHERE
            Optional<Expression> whereClause = select.where();
            if (from instanceof AnalyzedRelation.LookupJoin
                    || from instanceof AnalyzedRelation.IntervalJoin) {
                Join join = (Join) select.from();
                if (join.on().isEmpty()) {
                    whereClause = Optional.empty();
                }
                from = withConditions(from, join);
            }
            List<Optional<SelectExpression>> written = new ArrayList<>();
            List<OutputColumn> items = expandItems(leaves, written);
            Optional<Expression> writtenWhere = whereClause;
            Optional<TypedExpression> where = writtenWhere.map(expressions::analyze);
            where.ifPresent(
                    w -> {
                        expressions.requireCondition(writtenWhere.get().position(), "WHERE", w);
                        if (TypedExpressions.containsAggregate(w)) {
                            throw error(
                                    writtenWhere.get().position(),
                                    "an aggregate is not allowed in WHERE; use HAVING");
                        }
                        if (TypedExpressions.contains(w, e -> e instanceof WindowedCall)) {
                            throw error(
                                    writtenWhere.get().position(),
                                    "a windowed aggregate (… OVER …) is not allowed in WHERE;"
                                            + " compute it in a pump of its own");
                        }
                    });
            for (Map.Entry<String, WindowSpec> window : namedWindows.entrySet()) {
                if (!joinWindows.contains(window.getKey())) {
                    expressions.window(window.getValue());
                }
            }
            List<TypedExpression> groupBy = new ArrayList<>();
            select.groupBy().forEach(k -> groupBy.add(expressions.analyze(k)));
            Optional<TypedExpression> having = select.having().map(expressions::analyze);
            having.ifPresent(
                    h ->
                            expressions.requireCondition(
                                    select.having().get().position(), "HAVING", h));
            PumpShape shape = shape(items, having);
            checkJoinShape(from, shape);
            Optional<TumblingWindow> tumbling = Optional.empty();
            Optional<StaggerSpec> stagger = Optional.empty();
            if (shape == PumpShape.TUMBLING_WINDOW) {
                tumbling = Optional.of(tumblingWindow(groupBy));
                checkGrouped(written, groupBy, "a GROUP BY key");
                select.having().ifPresent(h -> checkGrouped(h, groupBy, "a GROUP BY key"));
            } else if (shape == PumpShape.STAGGER_WINDOW) {
                stagger = Optional.of(stagger(written));
            }
            Optional<StreamSort> sort =
                    select.orderBy().isEmpty()
                            ? Optional.empty()
                            : Optional.of(sort(shape, items, tumbling, groupBy));
            OptionalLong distinct =
                    select.distinct()
                            ? OptionalLong.of(distinct(shape, items))
                            : OptionalLong.empty();
            return new AnalyzedQuery(
                    select.position(),
                    shape,
                    from,
                    items,
                    where,
                    groupBy,
                    tumbling,
                    stagger,
                    having,
                    sort,
                    distinct);
        }

        /**
         * {@code SELECT STREAM DISTINCT}: the rows are distinct within the buckets of a step
         * function of ROWTIME among the items (KDA's exact distinct count example selects {@code
         * STEP(ROWTIME BY INTERVAL '5' SECOND)}); without one the set of rows seen grows without
         * bound. Returns the bucket's period, the shortest among the items.
         */
        private long distinct(PumpShape shape, List<OutputColumn> items) {
            if (shape != PumpShape.PROJECTION || !select.orderBy().isEmpty()) {
                throw unsupported(
                        select.position(),
                        "SELECT STREAM DISTINCT with "
                                + (shape == PumpShape.PROJECTION
                                        ? "ORDER BY"
                                        : "aggregates or windows"),
                        "make the rows distinct in a pump of its own");
            }
            OptionalLong period = OptionalLong.empty();
            for (OutputColumn item : items) {
                Optional<RowtimeSteps.Window> step =
                        RowtimeSteps.window(item.expression(), expressions::isInputRowtime);
                if (step.isPresent()
                        && step.get().phaseMillis() == 0
                        && (period.isEmpty() || step.get().periodMillis() < period.getAsLong())) {
                    period = OptionalLong.of(step.get().periodMillis());
                }
            }
            return period.orElseThrow(
                    () ->
                            unsupported(
                                    select.position(),
                                    "SELECT STREAM DISTINCT without a ROWTIME bucket among its"
                                            + " items",
                                    "select e.g. STEP(ROWTIME BY INTERVAL '5' SECOND) too; without"
                                            + " one the rows seen grow without bound"));
        }

        /** A streaming {@code ORDER BY}: led by a monotonic {@code ROWTIME} expression. */
        private StreamSort sort(
                PumpShape shape,
                List<OutputColumn> items,
                Optional<TumblingWindow> tumbling,
                List<TypedExpression> groupBy) {
            SortItem first = select.orderBy().get(0);
            if (shape != PumpShape.PROJECTION && shape != PumpShape.TUMBLING_WINDOW) {
                throw unsupported(
                        first.position(),
                        "ORDER BY in a query with "
                                + (shape == PumpShape.OVER_WINDOW
                                        ? "OVER windows"
                                        : "WINDOWED BY STAGGER"),
                        "sort in a pump of its own that reads this query's stream");
            }
            TypedExpression bucket = expressions.analyze(first.expression());
            // ROWTIME itself (1 ms buckets) or a step function of it aligned to the epoch
            Optional<Long> period =
                    RowtimeSteps.shape(bucket, expressions::isInputRowtime)
                            .filter(step -> Math.floorMod(step.phase(), step.period()) == 0)
                            .map(RowtimeSteps.Shape::period);
            if (shape == PumpShape.TUMBLING_WINDOW && period.isEmpty()) {
                // a window's rows come out together at its end, whatever the first key's step
                period = tumbling.filter(w -> w.timeKey().equals(bucket)).map(w -> 1L);
            }
            if (period.isEmpty() || first.descending()) {
                throw unsupported(
                        first.position(),
                        "ORDER BY that does not start with ROWTIME, FLOOR(ROWTIME TO …) or"
                                + " STEP(ROWTIME BY …) ascending",
                        "a stream is sorted within the time buckets of its first key");
            }
            List<StreamSort.Key> keys = new ArrayList<>();
            for (SortItem item : select.orderBy().subList(1, select.orderBy().size())) {
                TypedExpression key = sortKey(item.expression(), items);
                if (shape == PumpShape.TUMBLING_WINDOW
                        && items.stream().noneMatch(i -> i.expression().equals(key))) {
                    checkGrouped(item.expression(), groupBy, "a GROUP BY key");
                }
                if ((shape == PumpShape.PROJECTION && TypedExpressions.containsAggregate(key))
                        || TypedExpressions.contains(key, e -> e instanceof WindowedCall)) {
                    throw error(item.position(), "an ORDER BY key cannot contain an aggregate");
                }
                keys.add(
                        new StreamSort.Key(
                                key,
                                item.descending(),
                                switch (item.nullOrdering()) {
                                    case FIRST -> StreamSort.NullOrder.FIRST;
                                    case LAST -> StreamSort.NullOrder.LAST;
                                    default -> StreamSort.NullOrder.DEFAULT;
                                }));
            }
            return new StreamSort(period.get(), keys);
        }

        /** A select item's name (as the outer query sees it), or an expression over FROM. */
        private TypedExpression sortKey(Expression written, List<OutputColumn> items) {
            if (written instanceof ColumnReference reference && reference.parts().size() == 1) {
                String name = reference.name().name();
                List<OutputColumn> named =
                        items.stream().filter(i -> i.name().equals(name)).toList();
                if (named.size() == 1) {
                    return named.get(0).expression();
                }
            }
            return expressions.analyze(written);
        }

        private AnalyzedRelation bindFrom(Relation relation, boolean first) {
            if (relation instanceof StreamReference reference) {
                if (reference.window().isPresent()) {
                    throw unsupported(
                            reference.window().get().position(),
                            "a window on " + (first ? "the first stream of FROM" : "this stream"),
                            "a stream-to-stream join is translated with the window on the"
                                    + " stream after JOIN: a JOIN s OVER (RANGE INTERVAL …"
                                    + " PRECEDING) AS t ON …");
                }
                if (!reference.columnAliases().isEmpty()) {
                    throw unsupported(reference.position(), "column aliases in FROM", "");
                }
                StreamDefinition stream = lookup(reference.name());
                if (first && stream.kind() == StreamKind.REFERENCE_TABLE) {
                    throw unsupported(
                            reference.position(),
                            "a query FROM a reference table",
                            "a pump reads a stream, joined with the table");
                }
                // JOIN s OVER w without an alias: the developer guide's stream-join example reads
                // the stream by its window's name (… JOIN TradeStream OVER t ON o.id = t.id)
                String alias =
                        reference
                                .alias()
                                .or(() -> windowName(reference))
                                .map(Identifier::name)
                                .orElse(stream.name());
                return new AnalyzedRelation.StreamRelation(alias, stream);
            }
            if (relation instanceof SubqueryRelation subquery) {
                return derived(subquery);
            }
            if (relation instanceof Join join) {
                return bindJoin(join, first);
            }
            TableFunctionRelation function = (TableFunctionRelation) relation;
            String name = function.function().name();
            if (!KdaFunctionTable.isTableFunction(name)) {
                throw unsupported(function.position(), name, "unknown table function");
            }
            return tableFunction(function);
        }

        /**
         * A stream joined with a reference table (a lookup join) or with a windowed stream (an
         * interval join on ROWTIME). The condition is analysed once every relation is in scope.
         */
        /** The name of the window a stream is read {@code OVER}, if it names one. */
        private Optional<Identifier> windowName(StreamReference reference) {
            return reference
                    .window()
                    .filter(WindowReference.class::isInstance)
                    .map(w -> ((WindowReference) w).name());
        }

        private AnalyzedRelation bindJoin(Join join, boolean first) {
            if (join.left() instanceof Join && !joinsReferenceTable(join)) {
                throw unsupported(
                        join.position(),
                        "a join of more than two relations but for reference tables",
                        "a stream joins reference tables, one after another, or one windowed"
                                + " stream; join further in a nested query (FROM (SELECT STREAM"
                                + " …)) or in another pump");
            }
            if (join.left() instanceof Join && join.on().isEmpty()) {
                throw unsupported(
                        join.position(),
                        "a comma join of more than two relations",
                        "join each reference table with JOIN … ON …");
            }
            if (join.type() == JoinType.CROSS) {
                throw unsupported(
                        join.position(),
                        "CROSS JOIN",
                        "a stream joins a reference table or a windowed stream ON a condition");
            }
            if (join.type() == JoinType.IMPLICIT && select.where().isEmpty()) {
                throw unsupported(
                        join.position(),
                        "a comma join without WHERE",
                        "it pairs every row with every row; write JOIN … ON …");
            }
            if (join.type() == JoinType.RIGHT || join.type() == JoinType.FULL) {
                throw unsupported(
                        join.position(),
                        join.type() + " JOIN",
                        "a stream joins a reference table or a windowed stream with [INNER]"
                                + " JOIN or LEFT [OUTER] JOIN");
            }
            if (join.on().isEmpty() && join.type() != JoinType.IMPLICIT) {
                throw unsupported(
                        join.position(), "JOIN … USING", "write the join condition with ON");
            }
            JoinType type = join.type() == JoinType.IMPLICIT ? JoinType.INNER : join.type();
            AnalyzedRelation left = bindFrom(join.left(), first);
            if (left instanceof AnalyzedRelation.IntervalJoin) {
                throw unsupported(
                        join.position(),
                        "a reference table joined after a stream-to-stream join",
                        "join the table in a nested query over the stream join (FROM (SELECT"
                                + " STREAM … JOIN … OVER …)) or in another pump");
            }
            TypedExpression pending =
                    dev.flinkkda.kda.sql.expr.Literal.of(
                            dev.flinkkda.kda.sql.expr.Literal.Kind.BOOLEAN,
                            "TRUE",
                            org.apache.flink.table.api.DataTypes.BOOLEAN());
            if (join.right() instanceof StreamReference right) {
                StreamDefinition stream = lookup(right.name());
                if (stream.kind() == StreamKind.REFERENCE_TABLE) {
                    if (right.window().isPresent()) {
                        throw error(
                                right.window().get().position(),
                                "\""
                                        + stream.name()
                                        + "\" is a reference table; only a stream has a"
                                        + " window");
                    }
                    AnalyzedRelation.StreamRelation table =
                            (AnalyzedRelation.StreamRelation) bindFrom(right, false);
                    return new AnalyzedRelation.LookupJoin(left, table, type, pending);
                }
                if (right.window().isPresent()) {
                    long preceding = joinWindow(right.window().get());
                    AnalyzedRelation.Leaf rightLeaf =
                            (AnalyzedRelation.Leaf)
                                    bindFrom(
                                            new StreamReference(
                                                    right.position(),
                                                    right.name(),
                                                    Optional.empty(),
                                                    right.alias().or(() -> windowName(right)),
                                                    right.columnAliases()),
                                            false);
                    return new AnalyzedRelation.IntervalJoin(
                            (AnalyzedRelation.Leaf) left, rightLeaf, type, pending, preceding);
                }
            }
            if (!(join.right() instanceof StreamReference)) {
                bindFrom(join.right(), false); // a table function's or a query's own errors first
            }
            throw unsupported(
                    join.right().position(),
                    "a stream-to-stream JOIN without a window",
                    "KDA joins a stream with the rows of a window of the other: write JOIN s"
                            + " OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t ON …");
        }

        /** Whether the relation a join adds is a reference table (a lookup, not a stream). */
        private boolean joinsReferenceTable(Join join) {
            // an unknown name passes, for bindFrom to name it
            return join.right() instanceof StreamReference right
                    && right.window().isEmpty()
                    && (!streams.containsKey(right.name().name())
                            || lookup(right.name()).kind() == StreamKind.REFERENCE_TABLE);
        }

        /**
         * The length of a joined stream's window in milliseconds: {@code RANGE INTERVAL …
         * PRECEDING} or {@code RANGE CURRENT ROW}, inline or named.
         */
        private long joinWindow(dev.flinkkda.kda.sql.ast.Over over) {
            WindowSpec spec;
            if (over instanceof WindowReference reference) {
                spec = namedWindows.get(reference.name().name());
                if (spec == null) {
                    throw error(
                            reference.position(),
                            "unknown window \""
                                    + reference.name().name()
                                    + "\""
                                    + NearestName.hint(
                                            reference.name().name(), namedWindows.keySet()));
                }
                joinWindows.add(reference.name().name());
            } else {
                spec = (WindowSpec) over;
            }
            if (!spec.partitionBy().isEmpty()) {
                throw unsupported(
                        spec.partitionBy().get(0).position(),
                        "PARTITION BY in a join's window",
                        "the join condition says which rows match");
            }
            if (!spec.orderBy().isEmpty()) {
                throw unsupported(
                        spec.orderBy().get(0).position(),
                        "ORDER BY in a join's window",
                        "a join's window is measured on ROWTIME");
            }
            if (spec.frame().isEmpty()) {
                throw unsupported(
                        spec.position(),
                        "a join window without RANGE",
                        "write RANGE INTERVAL … PRECEDING");
            }
            WindowFrame frame = spec.frame().get();
            if (frame.unit() == WindowFrame.Unit.ROWS) {
                throw unsupported(
                        frame.position(),
                        "a ROWS window on a joined stream",
                        "joins are translated as Flink interval joins, bounded by time: write"
                                + " RANGE INTERVAL … PRECEDING");
            }
            if (frame.end().isPresent()
                    && frame.end().get().kind() != FrameBound.Kind.CURRENT_ROW) {
                throw unsupported(
                        frame.end().get().position(),
                        "a join window that ends after the current row",
                        "KDA windows end at the current row");
            }
            FrameBound start = frame.start();
            if (start.kind() == FrameBound.Kind.CURRENT_ROW) {
                return 0;
            }
            if (start.kind() == FrameBound.Kind.PRECEDING
                    && start.offset().orElseThrow() instanceof IntervalLiteral interval) {
                Optional<Long> millis = Intervals.toMillis(interval);
                if (millis.isPresent() && millis.get() >= 0) {
                    return millis.get();
                }
            }
            throw unsupported(
                    start.position(),
                    "a join window other than RANGE INTERVAL … PRECEDING",
                    "write a day-time interval: RANGE INTERVAL 'n' SECOND|MINUTE|HOUR|DAY"
                            + " PRECEDING");
        }

        /**
         * Whether {@code on}, or one of the conditions it ANDs, is {@code table.column = x} (or
         * {@code x = table.column}) with {@code x} not of the table.
         */
        /**
         * The join with each condition analysed: a lookup join's own {@code ON} (a comma join's
         * {@code WHERE}), and those of the lookup joins it extends, {@code s JOIN r1 ON … JOIN r2
         * ON …}.
         */
        private AnalyzedRelation withConditions(AnalyzedRelation from, Join join) {
            Expression written = join.on().orElseGet(() -> select.where().orElseThrow());
            TypedExpression on = joinCondition(written);
            if (from instanceof AnalyzedRelation.LookupJoin lookup) {
                if (!hasKeyEquality(on, lookup.table().alias())) {
                    throw unsupported(
                            written.position(),
                            "a reference-table join without an equality on a column of the table",
                            "Flink's lookup join finds the table's rows by equal keys, e.g. ON"
                                    + " s.TICKER = r.TICKER");
                }
                AnalyzedRelation stream =
                        lookup.stream() instanceof AnalyzedRelation.LookupJoin
                                ? withConditions(lookup.stream(), (Join) join.left())
                                : lookup.stream();
                return new AnalyzedRelation.LookupJoin(stream, lookup.table(), lookup.type(), on);
            }
            AnalyzedRelation.IntervalJoin interval = (AnalyzedRelation.IntervalJoin) from;
            return new AnalyzedRelation.IntervalJoin(
                    interval.left(),
                    interval.right(),
                    interval.type(),
                    on,
                    interval.precedingMillis());
        }

        private boolean hasKeyEquality(TypedExpression on, String table) {
            if (!(on instanceof Call call)) {
                return false;
            }
            if (call.function() == KdaFunctionTable.AND) {
                return call.arguments().stream().anyMatch(c -> hasKeyEquality(c, table));
            }
            if (call.function() != KdaFunctionTable.EQUAL) {
                return false;
            }
            java.util.function.Predicate<TypedExpression> ofTable =
                    e -> e instanceof ColumnRef column && column.relation().equals(table);
            TypedExpression left = call.arguments().get(0);
            TypedExpression right = call.arguments().get(1);
            return (ofTable.test(left) && !TypedExpressions.contains(right, ofTable))
                    || (ofTable.test(right) && !TypedExpressions.contains(left, ofTable));
        }

        /** Types a join condition: a boolean of the joined rows, without aggregates. */
        private TypedExpression joinCondition(Expression written) {
            TypedExpression on = expressions.analyze(written);
            if (TypedExpressions.containsAggregate(on)
                    || TypedExpressions.contains(on, e -> e instanceof WindowedCall)) {
                throw error(written.position(), "an aggregate is not allowed in a join condition");
            }
            if (!(on.type().getLogicalType()
                            instanceof org.apache.flink.table.types.logical.BooleanType)
                    && !(on.type().getLogicalType()
                            instanceof org.apache.flink.table.types.logical.NullType)) {
                throw error(
                        written.position(),
                        "a join condition is a BOOLEAN, not "
                                + on.type().getLogicalType().asSummaryString());
            }
            return on;
        }

        /**
         * A join's rows must come from the join itself: the windows read the first relation of FROM
         * only, so a join there goes in a nested query.
         */
        private void checkJoinShape(AnalyzedRelation from, PumpShape shape) {
            boolean interval = from instanceof AnalyzedRelation.IntervalJoin;
            boolean lookup = from instanceof AnalyzedRelation.LookupJoin;
            if ((interval && shape != PumpShape.PROJECTION)
                    || (lookup
                            && (shape == PumpShape.TUMBLING_WINDOW
                                    || shape == PumpShape.OVER_WINDOW))) {
                throw unsupported(
                        select.from().position(),
                        (interval ? "a stream-to-stream join" : "a reference-table join")
                                + " in a query with "
                                + (shape == PumpShape.TUMBLING_WINDOW
                                        ? "GROUP BY"
                                        : shape == PumpShape.STAGGER_WINDOW
                                                ? "WINDOWED BY STAGGER"
                                                : "OVER windows"),
                        "join in a nested query, FROM (SELECT STREAM … JOIN …), or in an"
                                + " earlier pump");
            }
        }

        /** A table function over its cursor, the cursor's query analysed as a nested query. */
        private AnalyzedRelation.TableFunctionRelation tableFunction(TableFunctionRelation call) {
            TableFunctionAnalysis analysis = new TableFunctionAnalysis(sourceName, call);
            var cursor = analysis.cursor();
            AnalyzedRelation.DerivedRelation input =
                    derived(
                            new SubqueryRelation(
                                    cursor.position(),
                                    cursor.query(),
                                    Optional.empty(),
                                    List.of()));
            TableFunctionCall analyzed = analysis.analyze(input.columns());
            String alias =
                    call.alias()
                            .map(Identifier::name)
                            .orElse(call.function().name().toUpperCase(java.util.Locale.ROOT));
            return new AnalyzedRelation.TableFunctionRelation(
                    alias,
                    input,
                    analyzed,
                    TableFunctionAnalysis.outputColumns(analyzed, input.columns()));
        }

        private AnalyzedRelation.DerivedRelation derived(SubqueryRelation subquery) {
            AnalyzedQuery query = analyzeQuery(subquery.query());
            // KDA, like Calcite, lets a query in FROM go without a name: its columns are read
            // unqualified.
            String alias = subquery.alias().map(Identifier::name).orElse("EXPR$" + unnamed++);
            List<RelationColumn> columns = new ArrayList<>();
            List<Identifier> aliases = subquery.columnAliases();
            if (!aliases.isEmpty() && aliases.size() != query.items().size()) {
                throw error(
                        aliases.get(0).position(),
                        "\""
                                + alias
                                + "\" names "
                                + aliases.size()
                                + " column"
                                + (aliases.size() == 1 ? "" : "s")
                                + " but its query selects "
                                + query.items().size());
            }
            for (int i = 0; i < query.items().size(); i++) {
                OutputColumn item = query.items().get(i);
                String name = aliases.isEmpty() ? item.name() : aliases.get(i).name();
                if (name.equals(StreamDefinition.ROWTIME)
                        || columns.stream().anyMatch(c -> c.name().equals(name))) {
                    throw error(
                            aliases.isEmpty() ? subquery.position() : aliases.get(i).position(),
                            "\""
                                    + alias
                                    + "\" would have "
                                    + (name.equals(StreamDefinition.ROWTIME)
                                            ? "a second ROWTIME column"
                                            : "two columns \"" + name + "\"")
                                    + "; give the select item another name with AS");
                }
                columns.add(new RelationColumn(name, item.expression().type()));
            }
            columns.add(
                    new RelationColumn(
                            StreamDefinition.ROWTIME,
                            org.apache.flink.table.api.DataTypes.TIMESTAMP(3)));
            return new AnalyzedRelation.DerivedRelation(alias, query, columns);
        }

        /** The select items with {@code *} expanded; {@code written} gets the AST of each. */
        private List<OutputColumn> expandItems(
                List<AnalyzedRelation.Leaf> leaves, List<Optional<SelectExpression>> written) {
            List<OutputColumn> items = new ArrayList<>();
            for (SelectItem item : select.selectItems()) {
                if (item instanceof SelectExpression expression) {
                    TypedExpression typed = expressions.analyze(expression.expression());
                    items.add(new OutputColumn(itemName(expression, typed, items.size()), typed));
                    written.add(Optional.of(expression));
                    continue;
                }
                AllColumns all = (AllColumns) item;
                if (all.qualifier().isPresent()
                        && leaves.stream()
                                .noneMatch(r -> r.alias().equals(all.qualifier().get().name()))) {
                    throw error(
                            all.position(),
                            "unknown stream or alias \"" + all.qualifier().get().name() + "\"");
                }
                for (AnalyzedRelation.Leaf relation : leaves) {
                    if (all.qualifier().isPresent()
                            && !all.qualifier().get().name().equals(relation.alias())) {
                        continue;
                    }
                    for (RelationColumn column : relation.columns()) {
                        // ROWTIME and an input's APPROXIMATE_ARRIVAL_TIME: read by name only
                        if (!relation.isSystemColumn(column.name())) {
                            items.add(
                                    new OutputColumn(
                                            column.name(),
                                            new ColumnRef(
                                                    relation.alias(),
                                                    column.name(),
                                                    column.type())));
                            written.add(Optional.empty());
                        }
                    }
                }
            }
            return items;
        }

        private String itemName(SelectExpression item, TypedExpression typed, int index) {
            if (item.alias().isPresent()) {
                return item.alias().get().name();
            }
            if (typed instanceof ColumnRef column) {
                return column.column();
            }
            if (typed instanceof FieldAccess access) {
                return access.field();
            }
            return "EXPR$" + index;
        }

        private PumpShape shape(List<OutputColumn> items, Optional<TypedExpression> having) {
            boolean aggregates =
                    items.stream().anyMatch(i -> TypedExpressions.containsAggregate(i.expression()))
                            || having.isPresent();
            boolean over =
                    items.stream()
                            .anyMatch(
                                    i ->
                                            TypedExpressions.contains(
                                                    i.expression(),
                                                    e -> e instanceof WindowedCall));
            if (select.staggerWindow().isPresent()) {
                if (!select.groupBy().isEmpty()) {
                    throw error(
                            select.staggerWindow().get().position(),
                            "WINDOWED BY STAGGER replaces GROUP BY; a query cannot have both");
                }
                if (over) {
                    // found by TranslatorFuzzTest: the emitter threw on such a call
                    throw unsupported(
                            select.position(),
                            "OVER windows together with WINDOWED BY STAGGER",
                            "");
                }
                return PumpShape.STAGGER_WINDOW;
            }
            if (!select.groupBy().isEmpty()) {
                if (over) {
                    throw unsupported(select.position(), "OVER windows together with GROUP BY", "");
                }
                return PumpShape.TUMBLING_WINDOW;
            }
            if (aggregates) {
                Expression first =
                        select.selectItems().stream()
                                .filter(SelectExpression.class::isInstance)
                                .map(i -> ((SelectExpression) i).expression())
                                .filter(this::containsAggregateCall)
                                .findFirst()
                                .orElseGet(() -> select.having().orElseThrow());
                throw error(
                        first.position(),
                        "an aggregate over a stream needs a window: GROUP BY …"
                                + " STEP(ROWTIME BY INTERVAL …), WINDOWED BY STAGGER (…), or OVER"
                                + " (…); without one KDA never emits a row");
            }
            for (NamedWindow window : select.windows()) {
                if (!over && !joinWindows.contains(window.name().name())) {
                    throw error(
                            window.position(),
                            "window \""
                                    + window.name().name()
                                    + "\" is defined but no aggregate or join uses it");
                }
            }
            return over ? PumpShape.OVER_WINDOW : PumpShape.PROJECTION;
        }

        private boolean containsAggregateCall(Expression e) {
            boolean[] found = {false};
            Expressions.forEach(
                    e,
                    node ->
                            found[0] |=
                                    node instanceof FunctionCall f
                                            && f.over().isEmpty()
                                            && KdaFunctionTable.isAggregate(f.name().name()));
            return found[0];
        }

        private TumblingWindow tumblingWindow(List<TypedExpression> groupBy) {
            TumblingWindow window = null;
            for (int i = 0; i < groupBy.size(); i++) {
                TypedExpression key = groupBy.get(i);
                Expression written = select.groupBy().get(i);
                Optional<Long> size = Optional.empty();
                Optional<RowtimeSteps.Window> step =
                        RowtimeSteps.window(key, expressions::isInputRowtime);
                if (step.isPresent()) {
                    if (step.get().phaseMillis() != 0) {
                        throw unsupported(
                                written.position(),
                                "a ROWTIME window of "
                                        + step.get().periodMillis()
                                        + " ms starting "
                                        + step.get().phaseMillis()
                                        + " ms after the epoch's",
                                "only windows aligned to the epoch are translated");
                    }
                    size = Optional.of(step.get().periodMillis());
                } else if (key instanceof Call call
                        && call.function() == KdaFunctionTable.FLOOR_TO
                        && expressions.isInputRowtime(call.arguments().get(0))
                        && dev.flinkkda.kda.sql.ast.TimeUnit.valueOf(call.keyword())
                                .isYearMonth()) {
                    throw unsupported(
                            written.position(),
                            "FLOOR(ROWTIME TO " + call.keyword() + ")",
                            "months and years have no fixed length");
                } else if (key instanceof Call call
                        && call.function() == KdaFunctionTable.STEP_NUMBER
                        && expressions.isInputRowtime(call.arguments().get(0))) {
                    throw error(
                            written.position(),
                            "STEP of ROWTIME needs an INTERVAL, e.g. INTERVAL '1' MINUTE");
                }
                if (size.isPresent()) {
                    if (window != null) {
                        throw unsupported(
                                written.position(), "two ROWTIME windows in one GROUP BY", "");
                    }
                    window = new TumblingWindow(key, size.get());
                }
                if (TypedExpressions.containsAggregate(key)) {
                    throw error(written.position(), "an aggregate cannot be a GROUP BY key");
                }
            }
            if (window == null) {
                throw error(
                        select.groupBy().get(0).position(),
                        "GROUP BY on a stream needs a ROWTIME window among its keys:"
                                + " STEP(ROWTIME BY INTERVAL …), FLOOR(ROWTIME TO …) or another"
                                + " step function of ROWTIME such as FLOOR((ROWTIME - TIMESTAMP"
                                + " '1970-01-01 00:00:00') SECOND / 10 TO SECOND); without one"
                                + " the groups never close");
            }
            return window;
        }

        private StaggerSpec stagger(List<Optional<SelectExpression>> written) {
            var window = select.staggerWindow().get();
            Optional<Long> range = Intervals.toMillis(window.range());
            if (range.isEmpty() || range.get() <= 0) {
                throw unsupported(
                        window.range().position(),
                        "STAGGER RANGE INTERVAL '"
                                + window.range().value()
                                + "' "
                                + window.range().qualifier(),
                        "a positive day-time interval is needed");
            }
            if (select.having().isPresent()) {
                throw unsupported(
                        select.having().get().position(), "HAVING with WINDOWED BY STAGGER", "");
            }
            List<TypedExpression> keys = new ArrayList<>();
            for (Expression key : window.partitionBy()) {
                TypedExpression typed = expressions.analyze(key);
                if (TypedExpressions.containsAggregate(typed)
                        || TypedExpressions.contains(typed, e -> e instanceof WindowedCall)) {
                    throw error(key.position(), "a partition key cannot contain an aggregate");
                }
                keys.add(typed);
            }
            for (Optional<SelectExpression> item : written) {
                item.ifPresent(
                        i ->
                                Expressions.forEach(
                                        i.expression(),
                                        node -> {
                                            if (node instanceof FunctionCall call
                                                    && call.over().isEmpty()
                                                    && KdaFunctionTable.isAggregate(
                                                            call.name().name())) {
                                                checkStaggerAggregate(call);
                                            }
                                        }));
            }
            checkGrouped(written, keys, "a PARTITION BY key of the stagger window");
            return new StaggerSpec(keys, range.get());
        }

        private void checkStaggerAggregate(FunctionCall call) {
            String name = call.name().name().toUpperCase(java.util.Locale.ROOT);
            if (!STAGGER_AGGREGATES.contains(name)) {
                throw unsupported(
                        call.position(),
                        call.name().name() + " in a stagger window",
                        "the stagger window operator computes COUNT, SUM, AVG, MIN, MAX, VAR_POP,"
                                + " VAR_SAMP, STDDEV_POP, STDDEV_SAMP, ANY and EVERY");
            }
        }

        /**
         * Checks that every column a windowed query's items read outside an aggregate is one of its
         * keys: once the window has fired, only keys and aggregates exist.
         */
        private void checkGrouped(
                List<Optional<SelectExpression>> written, List<TypedExpression> keys, String what) {
            for (Optional<SelectExpression> item : written) {
                item.ifPresent(i -> checkGrouped(i.expression(), keys, what));
            }
        }

        private void checkGrouped(Expression e, List<TypedExpression> keys, String what) {
            TypedExpression typed = expressions.analyze(e);
            if (keys.contains(typed) || TypedExpressions.isAggregate(typed)) {
                return;
            }
            if (e instanceof ColumnReference reference) {
                if (expressions.isInputRowtime(typed)) {
                    return;
                }
                throw error(
                        reference.position(),
                        "column \""
                                + reference.name().name()
                                + "\" must be "
                                + what
                                + " or be inside an aggregate");
            }
            for (Expression child : Expressions.children(e)) {
                checkGrouped(child, keys, what);
            }
        }
    }
}
