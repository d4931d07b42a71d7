package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.AllColumns;
import dev.flinkkda.kda.sql.ast.ColumnDefinition;
import dev.flinkkda.kda.sql.ast.ColumnReference;
import dev.flinkkda.kda.sql.ast.CreatePump;
import dev.flinkkda.kda.sql.ast.CreateStream;
import dev.flinkkda.kda.sql.ast.CursorExpression;
import dev.flinkkda.kda.sql.ast.Exists;
import dev.flinkkda.kda.sql.ast.Expression;
import dev.flinkkda.kda.sql.ast.FloorCeil;
import dev.flinkkda.kda.sql.ast.FunctionCall;
import dev.flinkkda.kda.sql.ast.Identifier;
import dev.flinkkda.kda.sql.ast.InSubquery;
import dev.flinkkda.kda.sql.ast.IntervalLiteral;
import dev.flinkkda.kda.sql.ast.Join;
import dev.flinkkda.kda.sql.ast.JoinType;
import dev.flinkkda.kda.sql.ast.KdaScript;
import dev.flinkkda.kda.sql.ast.NamedArgument;
import dev.flinkkda.kda.sql.ast.NamedWindow;
import dev.flinkkda.kda.sql.ast.Over;
import dev.flinkkda.kda.sql.ast.Query;
import dev.flinkkda.kda.sql.ast.Relation;
import dev.flinkkda.kda.sql.ast.ScalarSubquery;
import dev.flinkkda.kda.sql.ast.Select;
import dev.flinkkda.kda.sql.ast.SelectExpression;
import dev.flinkkda.kda.sql.ast.SelectItem;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.Statement;
import dev.flinkkda.kda.sql.ast.Step;
import dev.flinkkda.kda.sql.ast.StreamReference;
import dev.flinkkda.kda.sql.ast.SubqueryRelation;
import dev.flinkkda.kda.sql.ast.TableFunctionRelation;
import dev.flinkkda.kda.sql.ast.WindowFrame;
import dev.flinkkda.kda.sql.ast.WindowReference;
import dev.flinkkda.kda.sql.ast.WindowSpec;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analysis stage: resolves a parsed application's streams and columns by KDA's identifier
 * rules, checks each pump against its target stream, and classifies each pump's query ({@link
 * PumpShape}). Everything it cannot translate is rejected here, before any job starts, with the
 * position of the construct.
 */
public final class Analyzer {

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
            pumps.add(analyzer.analyzePump(pump));
        }
        return new AnalyzedApplication(script.sourceName(), analyzer.streams, pumps);
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

    private AnalyzedPump analyzePump(CreatePump pump) {
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
        Query query = pump.query();
        if (!(query instanceof Select select)) {
            throw unsupported(query.position(), "UNION", "one SELECT per pump; use several pumps");
        }
        return new PumpAnalysis(pump, target, targetColumns, select).analyze();
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

    /** The analysis of one pump's SELECT. */
    private final class PumpAnalysis {

        private final CreatePump pump;
        private final StreamDefinition target;
        private final List<StreamColumn> targetColumns;
        private final Select select;
        private final List<RelationBinding> relations = new ArrayList<>();
        private final Map<ColumnReference, ResolvedColumn> resolved = new IdentityHashMap<>();
        private final Map<String, WindowSpec> namedWindows = new LinkedHashMap<>();

        PumpAnalysis(
                CreatePump pump,
                StreamDefinition target,
                List<StreamColumn> targetColumns,
                Select select) {
            this.pump = pump;
            this.target = target;
            this.targetColumns = targetColumns;
            this.select = select;
        }

        AnalyzedPump analyze() {
            bindFrom(select.from(), true);
            if (select.distinct()) {
                throw unsupported(
                        select.position(),
                        "SELECT STREAM DISTINCT",
                        "its state grows without bound on a stream");
            }
            if (!select.orderBy().isEmpty()) {
                throw unsupported(
                        select.orderBy().get(0).position(),
                        "ORDER BY",
                        "sorting within a ROWTIME bucket is not translated");
            }
            for (NamedWindow window : select.windows()) {
                if (namedWindows.put(window.name().name(), window.specification()) != null) {
                    throw error(
                            window.name().position(),
                            "window \"" + window.name().name() + "\" is defined twice");
                }
            }
            List<SelectExpression> items = expandItems();
            if (items.size() != targetColumns.size()) {
                throw error(
                        select.position(),
                        "pump \""
                                + pump.name().name()
                                + "\" selects "
                                + items.size()
                                + " column"
                                + (items.size() == 1 ? "" : "s")
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
            for (SelectExpression item : items) {
                check(item.expression());
            }
            select.where().ifPresent(this::check);
            select.groupBy().forEach(this::check);
            select.having().ifPresent(this::check);
            select.staggerWindow().ifPresent(s -> s.partitionBy().forEach(this::check));
            for (WindowSpec spec : namedWindows.values()) {
                checkWindow(spec);
            }
            select.where()
                    .ifPresent(
                            w ->
                                    Expressions.forEach(
                                            w,
                                            e -> {
                                                if (isAggregateCall(e)) {
                                                    throw error(
                                                            e.position(),
                                                            "an aggregate is not allowed in WHERE;"
                                                                    + " use HAVING");
                                                }
                                            }));
            PumpShape shape = shape(items);
            Optional<TumblingWindow> tumbling =
                    shape == PumpShape.TUMBLING_WINDOW
                            ? Optional.of(tumblingWindow())
                            : Optional.empty();
            if (shape == PumpShape.STAGGER_WINDOW) {
                checkStagger(items);
            }
            return new AnalyzedPump(
                    sourceName,
                    pump,
                    target,
                    targetColumns,
                    select,
                    items,
                    relations,
                    resolved,
                    shape,
                    tumbling);
        }

        private void bindFrom(Relation relation, boolean first) {
            if (relation instanceof StreamReference reference) {
                if (reference.window().isPresent()) {
                    throw unsupported(
                            reference.position(),
                            "stream-to-stream JOIN … OVER (RANGE …)",
                            "windowed stream joins are not translated yet");
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
                String alias = reference.alias().map(Identifier::name).orElse(stream.name());
                for (RelationBinding existing : relations) {
                    if (existing.alias().equals(alias)) {
                        throw error(
                                reference.position(),
                                "\"" + alias + "\" appears twice in FROM; give one an alias");
                    }
                }
                relations.add(new RelationBinding(alias, stream));
            } else if (relation instanceof Join join) {
                if (join.type() != JoinType.INNER && join.type() != JoinType.LEFT) {
                    throw unsupported(
                            join.position(),
                            join.type() + " JOIN",
                            "a stream joins a reference table with [INNER] JOIN or LEFT JOIN");
                }
                if (!(join.left() instanceof StreamReference)
                        || !(join.right() instanceof StreamReference right)) {
                    throw unsupported(
                            join.position(),
                            "a join of more than two relations",
                            "one stream joined with one reference table");
                }
                bindFrom(join.left(), first);
                bindFrom(join.right(), false);
                RelationBinding table = relations.get(relations.size() - 1);
                if (table.stream().kind() != StreamKind.REFERENCE_TABLE) {
                    throw unsupported(
                            right.position(),
                            "stream-to-stream JOIN",
                            "\""
                                    + table.stream().name()
                                    + "\" is a stream; joins with a reference table only");
                }
                if (join.on().isEmpty()) {
                    throw unsupported(
                            join.position(), "JOIN … USING", "write the join condition with ON");
                }
                check(join.on().get());
            } else if (relation instanceof TableFunctionRelation function) {
                String name = function.function().name();
                throw unsupported(
                        function.position(),
                        name,
                        KdaFunctions.isTableFunction(name)
                                ? "KDA's table functions are not translated yet"
                                : "unknown table function");
            } else if (relation instanceof SubqueryRelation subquery) {
                throw unsupported(
                        subquery.position(),
                        "a subquery in FROM",
                        "write the inner query as its own pump into a stream");
            }
        }

        private List<SelectExpression> expandItems() {
            List<SelectExpression> items = new ArrayList<>();
            for (SelectItem item : select.selectItems()) {
                if (item instanceof SelectExpression expression) {
                    items.add(expression);
                    continue;
                }
                AllColumns all = (AllColumns) item;
                for (RelationBinding relation : relations) {
                    if (all.qualifier().isPresent()
                            && !all.qualifier().get().name().equals(relation.alias())) {
                        continue;
                    }
                    for (StreamColumn column : relation.stream().columns()) {
                        ColumnReference reference =
                                new ColumnReference(
                                        all.position(),
                                        List.of(
                                                Identifier.quoted(
                                                        all.position(), quote(relation.alias())),
                                                Identifier.quoted(
                                                        all.position(), quote(column.name()))));
                        items.add(
                                new SelectExpression(all.position(), reference, Optional.empty()));
                    }
                }
                if (all.qualifier().isPresent()
                        && relations.stream()
                                .noneMatch(r -> r.alias().equals(all.qualifier().get().name()))) {
                    throw error(
                            all.position(),
                            "unknown stream or alias \"" + all.qualifier().get().name() + "\"");
                }
            }
            return items;
        }

        private String quote(String name) {
            return "\"" + name.replace("\"", "\"\"") + "\"";
        }

        /** Resolves the column references of {@code e} and rejects what cannot be translated. */
        private void check(Expression e) {
            Expressions.forEach(
                    e,
                    node -> {
                        if (node instanceof ColumnReference reference) {
                            resolved.put(reference, resolve(reference));
                        } else if (node instanceof ScalarSubquery
                                || node instanceof Exists
                                || node instanceof InSubquery) {
                            throw unsupported(node.position(), "a subquery in an expression", "");
                        } else if (node instanceof CursorExpression) {
                            throw unsupported(
                                    node.position(),
                                    "CURSOR",
                                    "only KDA's table functions take a cursor");
                        } else if (node instanceof NamedArgument argument) {
                            throw unsupported(
                                    node.position(),
                                    "named argument " + argument.name().name() + " =>",
                                    "");
                        } else if (node instanceof FunctionCall call) {
                            call.over().ifPresent(this::checkOver);
                        }
                    });
        }

        private void checkOver(Over over) {
            if (over instanceof WindowReference reference) {
                if (!namedWindows.containsKey(reference.name().name())) {
                    throw error(
                            reference.position(),
                            "unknown window \""
                                    + reference.name().name()
                                    + "\""
                                    + NearestName.hint(
                                            reference.name().name(), namedWindows.keySet()));
                }
            } else {
                checkWindow((WindowSpec) over);
            }
        }

        private void checkWindow(WindowSpec spec) {
            spec.partitionBy().forEach(this::check);
            if (!spec.orderBy().isEmpty()) {
                for (var sort : spec.orderBy()) {
                    check(sort.expression());
                    if (!isRowtime(sort.expression()) || sort.descending()) {
                        throw unsupported(
                                sort.position(),
                                "ORDER BY in a window other than ROWTIME ascending",
                                "KDA windows are ordered by ROWTIME");
                    }
                }
            }
            if (spec.frame().isEmpty()) {
                throw unsupported(
                        spec.position(),
                        "a window without RANGE or ROWS",
                        "write RANGE INTERVAL … PRECEDING or ROWS n PRECEDING");
            }
            WindowFrame frame = spec.frame().get();
            boolean preceding =
                    frame.start().kind() == dev.flinkkda.kda.sql.ast.FrameBound.Kind.PRECEDING
                            || frame.start().kind()
                                    == dev.flinkkda.kda.sql.ast.FrameBound.Kind.CURRENT_ROW;
            boolean endsAtCurrentRow =
                    frame.end().isEmpty()
                            || frame.end().get().kind()
                                    == dev.flinkkda.kda.sql.ast.FrameBound.Kind.CURRENT_ROW;
            if (!preceding || !endsAtCurrentRow) {
                throw unsupported(
                        frame.position(),
                        "window frame " + frame.start().kind(),
                        "KDA windows end at the current row: RANGE INTERVAL … PRECEDING or ROWS n"
                                + " PRECEDING");
            }
            if (frame.unit() == WindowFrame.Unit.RANGE
                    && frame.start().offset().isPresent()
                    && !(frame.start().offset().get() instanceof IntervalLiteral interval
                            && Intervals.toMillis(interval).isPresent())) {
                throw unsupported(
                        frame.position(),
                        "RANGE without a day-time INTERVAL",
                        "write RANGE INTERVAL 'n' SECOND|MINUTE|HOUR|DAY PRECEDING");
            }
        }

        private ResolvedColumn resolve(ColumnReference reference) {
            List<Identifier> qualifier = reference.qualifier();
            String column = reference.name().name();
            if (qualifier.size() > 1) {
                throw unsupported(
                        reference.position(), "row field access " + reference.parts(), "");
            }
            if (qualifier.size() == 1) {
                String alias = qualifier.get(0).name();
                RelationBinding relation =
                        relations.stream()
                                .filter(r -> r.alias().equals(alias))
                                .findFirst()
                                .orElseThrow(
                                        () ->
                                                error(
                                                        qualifier.get(0).position(),
                                                        "unknown stream or alias \""
                                                                + alias
                                                                + "\" in FROM"
                                                                + NearestName.hint(
                                                                        alias,
                                                                        relations.stream()
                                                                                .map(
                                                                                        RelationBinding
                                                                                                ::alias)
                                                                                .toList())));
                return columnOf(relation, reference.name());
            }
            List<RelationBinding> having =
                    relations.stream()
                            .filter(r -> r.stream().readableNames().contains(column))
                            .toList();
            if (having.size() > 1 && !column.equals(StreamDefinition.ROWTIME)) {
                throw error(
                        reference.position(),
                        "column \""
                                + column
                                + "\" is ambiguous: it is in "
                                + String.join(
                                        " and ",
                                        having.stream().map(r -> "\"" + r.alias() + "\"").toList())
                                + "; qualify it");
            }
            if (having.isEmpty()) {
                List<String> known = new ArrayList<>();
                relations.forEach(r -> known.addAll(r.stream().readableNames()));
                throw error(
                        reference.position(),
                        "unknown column \""
                                + column
                                + "\" in "
                                + String.join(
                                        ", ",
                                        relations.stream()
                                                .map(r -> "\"" + r.stream().name() + "\"")
                                                .toList())
                                + NearestName.hint(column, known));
            }
            return new ResolvedColumn(having.get(0), column);
        }

        private ResolvedColumn columnOf(RelationBinding relation, Identifier name) {
            if (!relation.stream().readableNames().contains(name.name())) {
                throw error(
                        name.position(),
                        "\""
                                + relation.stream().name()
                                + "\" has no column \""
                                + name.name()
                                + "\""
                                + NearestName.hint(name.name(), relation.stream().readableNames()));
            }
            return new ResolvedColumn(relation, name.name());
        }

        private boolean isRowtime(Expression e) {
            return e instanceof ColumnReference reference
                    && resolved.containsKey(reference)
                    && resolved.get(reference).isRowtime()
                    && resolved.get(reference).relation() == relations.get(0);
        }

        private boolean isAggregateCall(Expression e) {
            return e instanceof FunctionCall call
                    && call.over().isEmpty()
                    && KdaFunctions.isAggregate(call.name().name());
        }

        private boolean containsAggregate(Expression e) {
            boolean[] found = {false};
            Expressions.forEach(e, node -> found[0] |= isAggregateCall(node));
            return found[0];
        }

        private boolean containsOver(Expression e) {
            boolean[] found = {false};
            Expressions.forEach(
                    e, node -> found[0] |= node instanceof FunctionCall f && f.over().isPresent());
            return found[0];
        }

        private PumpShape shape(List<SelectExpression> items) {
            boolean aggregates =
                    items.stream().anyMatch(i -> containsAggregate(i.expression()))
                            || select.having().isPresent();
            boolean over = items.stream().anyMatch(i -> containsOver(i.expression()));
            if (select.staggerWindow().isPresent()) {
                if (!select.groupBy().isEmpty()) {
                    throw error(
                            select.staggerWindow().get().position(),
                            "WINDOWED BY STAGGER replaces GROUP BY; a query cannot have both");
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
                        items.stream()
                                .map(SelectExpression::expression)
                                .filter(this::containsAggregate)
                                .findFirst()
                                .orElseGet(() -> select.having().orElseThrow());
                throw error(
                        first.position(),
                        "an aggregate over a stream needs a window: GROUP BY …"
                                + " STEP(ROWTIME BY INTERVAL …), WINDOWED BY STAGGER (…), or OVER"
                                + " (…); without one KDA never emits a row");
            }
            if (!select.windows().isEmpty() && !over) {
                throw error(
                        select.windows().get(0).position(),
                        "window \""
                                + select.windows().get(0).name().name()
                                + "\" is defined but no aggregate uses it");
            }
            return over ? PumpShape.OVER_WINDOW : PumpShape.PROJECTION;
        }

        private TumblingWindow tumblingWindow() {
            TumblingWindow window = null;
            for (Expression key : select.groupBy()) {
                Optional<Long> size = Optional.empty();
                if (key instanceof Step step && isRowtime(step.operand())) {
                    if (!(step.step() instanceof IntervalLiteral interval)) {
                        throw error(
                                step.step().position(),
                                "STEP of ROWTIME needs an INTERVAL, e.g. INTERVAL '1' MINUTE");
                    }
                    size = Intervals.toMillis(interval);
                    if (size.isEmpty() || size.get() <= 0) {
                        throw unsupported(
                                interval.position(),
                                "STEP BY INTERVAL '"
                                        + interval.value()
                                        + "' "
                                        + interval.qualifier(),
                                "a positive day-time interval is needed");
                    }
                } else if (key instanceof FloorCeil floor
                        && floor.direction() == FloorCeil.Direction.FLOOR
                        && isRowtime(floor.operand())) {
                    size = Intervals.unitMillis(floor.unit());
                    if (size.isEmpty()) {
                        throw unsupported(
                                floor.position(),
                                "FLOOR(ROWTIME TO " + floor.unit() + ")",
                                "months and years have no fixed length");
                    }
                }
                if (size.isPresent()) {
                    if (window != null) {
                        throw unsupported(
                                key.position(), "two ROWTIME windows in one GROUP BY", "");
                    }
                    window = new TumblingWindow(key, size.get());
                }
                if (containsAggregate(key)) {
                    throw error(key.position(), "an aggregate cannot be a GROUP BY key");
                }
            }
            if (window == null) {
                throw error(
                        select.groupBy().get(0).position(),
                        "GROUP BY on a stream needs a ROWTIME window among its keys:"
                                + " STEP(ROWTIME BY INTERVAL …) or FLOOR(ROWTIME TO …); without"
                                + " one the groups never close");
            }
            return window;
        }

        private void checkStagger(List<SelectExpression> items) {
            var stagger = select.staggerWindow().get();
            Optional<Long> range = Intervals.toMillis(stagger.range());
            if (range.isEmpty() || range.get() <= 0) {
                throw unsupported(
                        stagger.range().position(),
                        "STAGGER RANGE INTERVAL '"
                                + stagger.range().value()
                                + "' "
                                + stagger.range().qualifier(),
                        "a positive day-time interval is needed");
            }
            if (select.having().isPresent()) {
                throw unsupported(
                        select.having().get().position(), "HAVING with WINDOWED BY STAGGER", "");
            }
            for (Expression key : stagger.partitionBy()) {
                if (containsAggregate(key) || containsOver(key)) {
                    throw error(key.position(), "a partition key cannot contain an aggregate");
                }
            }
            for (SelectExpression item : items) {
                Expressions.forEach(
                        item.expression(),
                        node -> {
                            if (node instanceof FunctionCall call && isAggregateCall(call)) {
                                if (!KdaFunctions.isStaggerAggregate(call.name().name())) {
                                    throw unsupported(
                                            call.position(),
                                            call.name().name() + " in a stagger window",
                                            "COUNT, SUM, AVG, MIN and MAX are supported");
                                }
                                if (call.distinct()) {
                                    throw unsupported(
                                            call.position(),
                                            call.name().name() + "(DISTINCT …) in a stagger window",
                                            "");
                                }
                            }
                        });
            }
        }
    }
}
