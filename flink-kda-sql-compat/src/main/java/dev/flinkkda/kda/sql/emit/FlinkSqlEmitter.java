package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.sql.analysis.Intervals;
import dev.flinkkda.kda.sql.ast.JoinType;
import dev.flinkkda.kda.sql.expr.Call;
import dev.flinkkda.kda.sql.expr.ColumnRef;
import dev.flinkkda.kda.sql.expr.FieldAccess;
import dev.flinkkda.kda.sql.expr.Literal;
import dev.flinkkda.kda.sql.expr.SlidingWindow;
import dev.flinkkda.kda.sql.expr.TypedExpression;
import dev.flinkkda.kda.sql.expr.WindowedCall;
import dev.flinkkda.kda.sql.functions.FlinkForm;
import dev.flinkkda.kda.sql.plan.NamedExpression;
import dev.flinkkda.kda.sql.plan.PlanColumn;
import dev.flinkkda.kda.sql.plan.PlanNode;
import dev.flinkkda.kda.sql.plan.Planner;

import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that writes Flink SQL text: the plan's nodes, expressions, names and types, in
 * Flink's dialect. Every name is quoted with backticks, since Flink compares names case-sensitively
 * and does not fold them as KDA does.
 */
public final class FlinkSqlEmitter {

    /** The processing-time column a reference-table lookup join needs on the stream side. */
    static final String PROC_TIME = "__PROC_TIME";

    /** The row number window deduplication keeps the first of. */
    private static final String ROW_NUMBER = "__ROW_NUMBER";

    private FlinkSqlEmitter() {}

    /** A name as Flink reads it exactly: {@code `name`}. */
    public static String name(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** {@code `qualifier`.`name`}. */
    public static String qualified(String qualifier, String name) {
        return name(qualifier) + "." + name(name);
    }

    /** A string literal. */
    public static String string(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * A Flink type as DDL writes it, nullable: {@code VARCHAR(4)}, {@code STRING}, {@code ROW<…>}.
     */
    public static String type(DataType type) {
        return type(type.getLogicalType());
    }

    private static String type(LogicalType type) {
        LogicalType nullable = type.copy(true);
        if (nullable instanceof VarCharType varchar
                && varchar.getLength() == VarCharType.MAX_LENGTH) {
            return "STRING";
        }
        if (nullable instanceof VarBinaryType varbinary
                && varbinary.getLength() == VarBinaryType.MAX_LENGTH) {
            return "BYTES";
        }
        if (nullable instanceof ArrayType array) {
            return "ARRAY<" + type(array.getElementType()) + ">";
        }
        if (nullable instanceof RowType row) {
            List<String> fields = new ArrayList<>();
            for (RowType.RowField field : row.getFields()) {
                fields.add(name(field.getName()) + " " + type(field.getType()));
            }
            return "ROW<" + String.join(", ", fields) + ">";
        }
        return nullable.asSerializableString();
    }

    // ------------------------------------------------------------------ queries

    /** A plan node as one Flink SQL query. */
    public static String query(PlanNode node) {
        if (node instanceof PlanNode.Scan scan) {
            return "SELECT * FROM " + name(scan.name());
        }
        if (node instanceof PlanNode.Project project) {
            return "SELECT "
                    + items(project.items(), project.from())
                    + "\nFROM "
                    + from(project.from())
                    + project.where().map(w -> "\nWHERE " + expression(w)).orElse("");
        }
        if (node instanceof PlanNode.TumblingAggregate aggregate) {
            return tumbling(aggregate);
        }
        if (node instanceof PlanNode.OverAggregate over) {
            return over(over);
        }
        if (node instanceof PlanNode.Sort sort) {
            List<String> keys = new ArrayList<>();
            for (PlanNode.SortKey key : sort.keys()) {
                keys.add(
                        expression(key.expression())
                                + (key.descending() ? " DESC" : "")
                                + switch (key.nulls()) {
                                    case FIRST -> " NULLS FIRST";
                                    case LAST -> " NULLS LAST";
                                    default -> "";
                                });
            }
            return "SELECT * FROM "
                    + relation(sort.from())
                    + "\nORDER BY "
                    + String.join(", ", keys);
        }
        if (node instanceof PlanNode.WindowDistinct distinct) {
            return windowDistinct(distinct);
        }
        PlanNode.UnionAll union = (PlanNode.UnionAll) node;
        List<String> branches = new ArrayList<>();
        union.inputs().forEach(i -> branches.add(query(i)));
        return String.join("\nUNION ALL\n", branches);
    }

    /**
     * {@code *} when the items are the input's columns unchanged, else each {@code expr AS name}.
     */
    private static String items(List<NamedExpression> items, PlanNode.From from) {
        if (from instanceof PlanNode.From.Aliased aliased
                && isIdentity(items, aliased.node().columns(), aliased.alias())) {
            return "*";
        }
        return namedList(items);
    }

    private static boolean isIdentity(
            List<NamedExpression> items, List<PlanColumn> input, String alias) {
        if (items.size() != input.size()) {
            return false;
        }
        for (int i = 0; i < items.size(); i++) {
            PlanColumn column = input.get(i);
            if (!items.get(i).name().equals(column.name())
                    || !items.get(i)
                            .expression()
                            .equals(new ColumnRef(alias, column.name(), column.type()))) {
                return false;
            }
        }
        return true;
    }

    private static String namedList(List<NamedExpression> items) {
        List<String> rendered = new ArrayList<>();
        for (NamedExpression item : items) {
            rendered.add(expression(item.expression()) + " AS " + name(item.name()));
        }
        return String.join(", ", rendered);
    }

    private static String from(PlanNode.From from) {
        if (from instanceof PlanNode.From.Aliased aliased) {
            return relation(aliased);
        }
        if (from instanceof PlanNode.From.IntervalJoin interval) {
            return intervalJoin(interval);
        }
        PlanNode.From.LookupJoin join = (PlanNode.From.LookupJoin) from;
        PlanNode.From.Aliased stream = lookupStream(join);
        String looked;
        if (join.stream() instanceof PlanNode.From.LookupJoin previous) {
            looked = from(previous) + "\n";
        } else {
            looked =
                    "(SELECT *, PROCTIME() AS "
                            + name(PROC_TIME)
                            + " FROM "
                            + source(stream.node())
                            + ") AS "
                            + name(stream.alias());
        }
        return looked
                + (join.type() == JoinType.LEFT ? " LEFT JOIN " : " JOIN ")
                + name(join.table().name())
                + " FOR SYSTEM_TIME AS OF "
                + qualified(stream.alias(), PROC_TIME)
                + " AS "
                + name(join.tableAlias())
                + " ON "
                + expression(join.on());
    }

    /** The stream a lookup join (and the lookups it extends) looks tables up for. */
    private static PlanNode.From.Aliased lookupStream(PlanNode.From.LookupJoin join) {
        return join.stream() instanceof PlanNode.From.LookupJoin previous
                ? lookupStream(previous)
                : (PlanNode.From.Aliased) join.stream();
    }

    /**
     * {@code left [LEFT] JOIN right ON (on) AND right.ROWTIME BETWEEN left.ROWTIME - INTERVAL … AND
     * left.ROWTIME}: with both ROWTIMEs time attributes, Flink plans an interval join, which keeps
     * them time attributes and drops rows from its state once the watermark passes.
     */
    private static String intervalJoin(PlanNode.From.IntervalJoin join) {
        String left = qualified(join.left().alias(), "ROWTIME");
        String right = qualified(join.right().alias(), "ROWTIME");
        String bound =
                join.precedingMillis() == 0
                        ? right + " = " + left
                        : right
                                + " BETWEEN "
                                + left
                                + " - "
                                + interval(join.precedingMillis())
                                + " AND "
                                + left;
        return relation(join.left())
                + (join.type() == JoinType.LEFT ? "\nLEFT JOIN " : "\nJOIN ")
                + relation(join.right())
                + "\n  ON "
                + expression(join.on())
                + " AND "
                + bound;
    }

    /** {@code `name` AS `alias`} for a table or view, {@code (query) AS `alias`} otherwise. */
    private static String relation(PlanNode.From.Aliased aliased) {
        return source(aliased.node()) + " AS " + name(aliased.alias());
    }

    private static String source(PlanNode node) {
        return node instanceof PlanNode.Scan scan ? name(scan.name()) : "(" + query(node) + ")";
    }

    private static String tumbling(PlanNode.TumblingAggregate aggregate) {
        String alias = aggregate.alias();
        List<String> groupBy = new ArrayList<>();
        groupBy.add(qualified(alias, PlanNode.TumblingAggregate.WINDOW_START));
        groupBy.add(qualified(alias, PlanNode.TumblingAggregate.WINDOW_END));
        aggregate.groupKeys().forEach(k -> groupBy.add(expression(k)));
        return "SELECT "
                + namedList(aggregate.items())
                + "\nFROM TABLE(TUMBLE(TABLE "
                + name(aggregate.input().name())
                + ", DESCRIPTOR("
                + name("ROWTIME")
                + "), "
                + interval(aggregate.sizeMillis())
                + ")) AS "
                + name(alias)
                + aggregate.where().map(w -> "\nWHERE " + expression(w)).orElse("")
                + "\nGROUP BY "
                + String.join(", ", groupBy)
                + aggregate.having().map(h -> "\nHAVING " + expression(h)).orElse("");
    }

    /** Flink's window deduplication, keeping the first row of each window. */
    private static String windowDistinct(PlanNode.WindowDistinct distinct) {
        String alias = distinct.alias();
        List<String> keys = new ArrayList<>();
        keys.add(qualified(alias, PlanNode.TumblingAggregate.WINDOW_START));
        keys.add(qualified(alias, PlanNode.TumblingAggregate.WINDOW_END));
        List<String> columns = new ArrayList<>();
        for (PlanColumn column : distinct.columns()) {
            columns.add(qualified(alias, column.name()));
            if (!column.name().equals("ROWTIME")) {
                keys.add(qualified(alias, column.name()));
            }
        }
        return "SELECT "
                + String.join(", ", columns)
                + "\nFROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "
                + String.join(", ", keys)
                + " ORDER BY "
                + qualified(alias, "ROWTIME")
                + ") AS "
                + name(ROW_NUMBER)
                + "\n  FROM TABLE(TUMBLE(TABLE "
                + name(distinct.input().name())
                + ", DESCRIPTOR("
                + name("ROWTIME")
                + "), "
                + interval(distinct.sizeMillis())
                + ")) AS "
                + name(alias)
                + ") AS "
                + name(alias)
                + "\nWHERE "
                + qualified(alias, ROW_NUMBER)
                + " = 1";
    }

    private static String over(PlanNode.OverAggregate over) {
        String window = window(over.window(), over.rowtime());
        if (over.aggregates().stream().allMatch(a -> Planner.isLag(a.expression()))) {
            // Flink's LAG takes no frame: the rows before, by arrival within the partition
            window = window.substring(0, window.indexOf(over.window().unit().name())).trim() + ")";
        }
        List<String> computed = new ArrayList<>();
        for (NamedExpression aggregate : over.aggregates()) {
            computed.add(
                    expression(aggregate.expression())
                            + " "
                            + window
                            + " AS "
                            + name(aggregate.name()));
        }
        return "SELECT *, " + String.join(", ", computed) + " FROM " + relation(over.from());
    }

    /** A window as Flink's OVER clause: ordered by {@code rowtime}, ending at the current row. */
    private static String window(SlidingWindow window, ColumnRef rowtime) {
        StringBuilder sql = new StringBuilder("OVER (");
        if (!window.partitionBy().isEmpty()) {
            List<String> keys = new ArrayList<>();
            window.partitionBy().forEach(k -> keys.add(expression(k)));
            sql.append("PARTITION BY ").append(String.join(", ", keys)).append(' ');
        }
        sql.append("ORDER BY ").append(expression(rowtime)).append(' ');
        sql.append(window.unit()).append(" BETWEEN ");
        if (window.unbounded()) {
            sql.append("UNBOUNDED PRECEDING");
        } else if (window.preceding() == 0) {
            sql.append("CURRENT ROW");
        } else if (window.unit() == SlidingWindow.Unit.RANGE) {
            sql.append(interval(window.preceding())).append(" PRECEDING");
        } else {
            sql.append(window.preceding()).append(" PRECEDING");
        }
        return sql.append(" AND CURRENT ROW)").toString();
    }

    /**
     * The watermark of an event-time attribute: the input's ({@code SOURCE_WATERMARK()}), or the
     * attribute minus {@code outOfOrderMillis}.
     */
    public static String watermark(String attribute, long outOfOrderMillis) {
        return outOfOrderMillis == 0
                ? "SOURCE_WATERMARK()"
                : name(attribute) + " - " + interval(outOfOrderMillis);
    }

    /**
     * A length of time as a Flink interval literal: in its largest whole unit while that is at most
     * 99 of them, else in days to seconds.
     */
    static String interval(long millis) {
        Duration d = Duration.ofMillis(millis);
        if (millis % 86_400_000L == 0 && d.toDays() <= 99) {
            return "INTERVAL '" + d.toDays() + "' DAY";
        }
        if (millis % 3_600_000L == 0 && d.toHours() <= 99) {
            return "INTERVAL '" + d.toHours() + "' HOUR";
        }
        if (millis % 60_000L == 0 && d.toMinutes() <= 99) {
            return "INTERVAL '" + d.toMinutes() + "' MINUTE";
        }
        if (millis % 1_000L == 0 && d.toSeconds() <= 99) {
            return "INTERVAL '" + d.toSeconds() + "' SECOND";
        }
        if (millis < 100_000) {
            return "INTERVAL '"
                    + (millis / 1000)
                    + "."
                    + String.format("%03d", millis % 1000)
                    + "' SECOND";
        }
        return intervalLiteral("", Intervals.dayToSecond(millis), "DAY TO SECOND");
    }

    /**
     * {@code INTERVAL [-]'value' qualifier}. Flink reads a first field of two digits unless the
     * qualifier's first unit says how many: {@code INTERVAL '100 00:00:00.000' DAY(3) TO SECOND}.
     */
    private static String intervalLiteral(String sign, String value, String qualifier) {
        int digits = 0;
        while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
            digits++;
        }
        int firstUnit = qualifier.indexOf(' ') < 0 ? qualifier.length() : qualifier.indexOf(' ');
        String precise =
                digits <= 2
                        ? qualifier
                        : qualifier.substring(0, firstUnit)
                                + "("
                                + digits
                                + ")"
                                + qualifier.substring(firstUnit);
        return "INTERVAL " + sign + string(value) + " " + precise;
    }

    // ------------------------------------------------------------------ expressions

    /** {@code e} in Flink SQL. */
    public static String expression(TypedExpression e) {
        if (e instanceof ColumnRef column) {
            return qualified(column.relation(), column.column());
        }
        if (e instanceof Literal literal) {
            return literal(literal);
        }
        if (e instanceof FieldAccess access) {
            return expression(access.row()) + "." + name(access.field());
        }
        if (e instanceof WindowedCall windowed) {
            throw new IllegalStateException(
                    "an analytic call outside an OVER aggregate: " + windowed);
        }
        return call((Call) e);
    }

    private static String literal(Literal literal) {
        switch (literal.kind()) {
            case NULL:
                return "NULL";
            case BOOLEAN:
                return literal.value();
            case NUMBER:
                return number(literal);
            case STRING:
                return string(literal.value());
            case BINARY:
                return "X'" + literal.value() + "'";
            case INTERVAL:
                boolean negative = literal.qualifier().startsWith("-");
                return intervalLiteral(
                        negative ? "-" : "",
                        literal.value(),
                        negative ? literal.qualifier().substring(1) : literal.qualifier());
            default:
                return literal.kind().name() + " " + string(literal.value());
        }
    }

    /**
     * A number as Flink reads it back with the literal's type. Flink's SQL validator (Calcite's)
     * rejects an exact literal whose digits, without the point, do not fit a {@code BIGINT} —
     * {@code 9223372036854775808}, {@code 0.12345678901234567890} — as out of range, though a
     * {@code DECIMAL} holds up to 38 digits: those are written as a cast of their text.
     */
    private static String number(Literal literal) {
        if (literal.type().getLogicalType() instanceof DecimalType
                && new BigDecimal(literal.value()).unscaledValue().bitLength() > 63) {
            return "CAST(" + string(literal.value()) + " AS " + type(literal.type()) + ")";
        }
        return literal.value();
    }

    private static String call(Call call) {
        List<String> arguments = new ArrayList<>();
        call.arguments().forEach(a -> arguments.add(expression(a)));
        FlinkForm form = call.function().flink();
        if (form instanceof FlinkForm.Function function) {
            List<String> ordered = new ArrayList<>();
            if (function.order().isEmpty()) {
                ordered.addAll(arguments);
            } else {
                function.order().forEach(i -> ordered.add(arguments.get(i)));
            }
            return function.name()
                    + "("
                    + (call.star()
                            ? "*"
                            : (call.distinct() ? "DISTINCT " : "") + String.join(", ", ordered))
                    + ")";
        }
        if (form instanceof FlinkForm.Template template) {
            return fill(
                    template.byArity().get(arguments.size() - call.function().minArity()),
                    call,
                    arguments);
        }
        if (form instanceof FlinkForm.In in) {
            return "("
                    + arguments.get(0)
                    + (in.negated() ? " NOT IN (" : " IN (")
                    + String.join(", ", arguments.subList(1, arguments.size()))
                    + "))";
        }
        if (form instanceof FlinkForm.Case) {
            return caseExpression(call, arguments);
        }
        throw new IllegalStateException(call.function().name() + " is not written as SQL");
    }

    /** The template with its holes filled; what fills them is not looked into again. */
    private static String fill(String template, Call call, List<String> arguments) {
        StringBuilder sql = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i) : -1;
            if (close < 0) {
                sql.append(c);
                i++;
                continue;
            }
            String hole = template.substring(i + 1, close);
            if (hole.equals("keyword")) {
                sql.append(call.keyword());
            } else if (hole.equals("type")) {
                sql.append(type(call.type()));
            } else {
                sql.append(arguments.get(Integer.parseInt(hole)));
            }
            i = close + 1;
        }
        return sql.toString();
    }

    private static String caseExpression(Call call, List<String> arguments) {
        boolean simple = call.keyword().startsWith("SIMPLE");
        boolean hasElse = call.keyword().endsWith("ELSE");
        StringBuilder sql = new StringBuilder("CASE");
        int i = 0;
        if (simple) {
            sql.append(' ').append(arguments.get(i++));
        }
        int end = hasElse ? arguments.size() - 1 : arguments.size();
        while (i < end) {
            sql.append(" WHEN ")
                    .append(arguments.get(i++))
                    .append(" THEN ")
                    .append(arguments.get(i++));
        }
        if (hasElse) {
            sql.append(" ELSE ").append(arguments.get(end));
        }
        return sql.append(" END").toString();
    }
}
