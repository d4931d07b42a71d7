package dev.flinkkda.kda.sql.plan;

import dev.flinkkda.kda.sql.analysis.KdaSemanticException;
import dev.flinkkda.kda.sql.analysis.UnsupportedConstructException;
import dev.flinkkda.kda.sql.ast.Between;
import dev.flinkkda.kda.sql.ast.BinaryOperation;
import dev.flinkkda.kda.sql.ast.BinaryStringLiteral;
import dev.flinkkda.kda.sql.ast.BooleanLiteral;
import dev.flinkkda.kda.sql.ast.CaseExpression;
import dev.flinkkda.kda.sql.ast.Cast;
import dev.flinkkda.kda.sql.ast.ColumnReference;
import dev.flinkkda.kda.sql.ast.DataType;
import dev.flinkkda.kda.sql.ast.DateTimeLiteral;
import dev.flinkkda.kda.sql.ast.Expression;
import dev.flinkkda.kda.sql.ast.Extract;
import dev.flinkkda.kda.sql.ast.FloorCeil;
import dev.flinkkda.kda.sql.ast.FrameBound;
import dev.flinkkda.kda.sql.ast.FunctionCall;
import dev.flinkkda.kda.sql.ast.InList;
import dev.flinkkda.kda.sql.ast.IntervalLiteral;
import dev.flinkkda.kda.sql.ast.IsNull;
import dev.flinkkda.kda.sql.ast.IsTruthValue;
import dev.flinkkda.kda.sql.ast.Like;
import dev.flinkkda.kda.sql.ast.NullLiteral;
import dev.flinkkda.kda.sql.ast.NumericLiteral;
import dev.flinkkda.kda.sql.ast.Step;
import dev.flinkkda.kda.sql.ast.StringLiteral;
import dev.flinkkda.kda.sql.ast.Trim;
import dev.flinkkda.kda.sql.ast.UnaryOperation;
import dev.flinkkda.kda.sql.ast.WhenClause;
import dev.flinkkda.kda.sql.ast.WindowFrame;
import dev.flinkkda.kda.sql.ast.WindowSpec;
import dev.flinkkda.kda.sql.rewrite.FunctionMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place that writes Flink SQL text: expressions, names and types of a translated KDA
 * application, in Flink's dialect. Every name is quoted with backticks, since Flink compares names
 * case-sensitively and does not fold them as KDA does.
 */
public final class FlinkSqlEmitter {

    /**
     * How the expressions of one query are written: how a column reference reads, and which
     * (sub-)expressions the rewrite replaced by a column of the query's input (a window start, an
     * aggregate computed by an operator, …).
     */
    public record Context(
            String sourceName,
            Function<ColumnReference, String> columns,
            Function<Expression, Optional<String>> substitutions,
            Function<FunctionCall, Optional<String>> overWindows) {

        /** A context without substitutions. */
        public static Context of(String sourceName, Function<ColumnReference, String> columns) {
            return new Context(sourceName, columns, e -> Optional.empty(), f -> Optional.empty());
        }

        public Context withSubstitutions(Function<Expression, Optional<String>> substitutions) {
            return new Context(sourceName, columns, substitutions, overWindows);
        }

        public Context withOverWindows(Function<FunctionCall, Optional<String>> overWindows) {
            return new Context(sourceName, columns, substitutions, overWindows);
        }
    }

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

    /** The Flink SQL type of a KDA column type. */
    public static String type(String sourceName, DataType type) {
        switch (type.name()) {
            case VARCHAR:
                return type.precision().isPresent()
                        ? "VARCHAR(" + type.precision().getAsInt() + ")"
                        : "STRING";
            case CHAR:
                return "CHAR(" + type.precision().orElse(1) + ")";
            case INTEGER:
                return "INT";
            case BIGINT:
            case SMALLINT:
            case TINYINT:
            case BOOLEAN:
            case DATE:
            case DOUBLE:
                return type.name().name();
            case REAL:
                return "FLOAT";
            case FLOAT:
                return "DOUBLE";
            case DECIMAL:
                return "DECIMAL("
                        + type.precision().orElse(10)
                        + ", "
                        + type.scale().orElse(0)
                        + ")";
            case TIMESTAMP:
                return "TIMESTAMP(3)";
            case TIME:
                return "TIME(0)";
            case BINARY:
                return "BINARY(" + type.precision().orElse(1) + ")";
            case VARBINARY:
                return type.precision().isPresent()
                        ? "VARBINARY(" + type.precision().getAsInt() + ")"
                        : "BYTES";
            default:
                throw new UnsupportedConstructException(
                        sourceName, type.position(), "type " + type.name(), "");
        }
    }

    /** {@code e} in Flink SQL. */
    public static String expression(Expression e, Context context) {
        Optional<String> substituted = context.substitutions().apply(e);
        if (substituted.isPresent()) {
            return substituted.get();
        }
        if (e instanceof ColumnReference reference) {
            return context.columns().apply(reference);
        }
        if (e instanceof NullLiteral) {
            return "NULL";
        }
        if (e instanceof BooleanLiteral b) {
            return b.value() ? "TRUE" : "FALSE";
        }
        if (e instanceof NumericLiteral n) {
            return n.text();
        }
        if (e instanceof StringLiteral s) {
            return string(s.value());
        }
        if (e instanceof BinaryStringLiteral b) {
            return "X'" + b.hexDigits() + "'";
        }
        if (e instanceof DateTimeLiteral d) {
            return d.kind().name() + " " + string(d.value());
        }
        if (e instanceof IntervalLiteral i) {
            return interval(i);
        }
        if (e instanceof UnaryOperation u) {
            String operand = expression(u.operand(), context);
            switch (u.operator()) {
                case PLUS:
                    return "(+" + operand + ")";
                case MINUS:
                    return "(-" + operand + ")";
                default:
                    return "(NOT " + operand + ")";
            }
        }
        if (e instanceof BinaryOperation b) {
            return "("
                    + expression(b.left(), context)
                    + " "
                    + b.operator().symbol()
                    + " "
                    + expression(b.right(), context)
                    + ")";
        }
        if (e instanceof IsNull n) {
            return "("
                    + expression(n.operand(), context)
                    + (n.negated() ? " IS NOT NULL)" : " IS NULL)");
        }
        if (e instanceof IsTruthValue t) {
            return "("
                    + expression(t.operand(), context)
                    + (t.negated() ? " IS NOT " : " IS ")
                    + t.value().name()
                    + ")";
        }
        if (e instanceof Between b) {
            return "("
                    + expression(b.operand(), context)
                    + (b.negated() ? " NOT BETWEEN " : " BETWEEN ")
                    + expression(b.low(), context)
                    + " AND "
                    + expression(b.high(), context)
                    + ")";
        }
        if (e instanceof InList in) {
            List<String> values = new ArrayList<>();
            in.values().forEach(v -> values.add(expression(v, context)));
            return "("
                    + expression(in.operand(), context)
                    + (in.negated() ? " NOT IN (" : " IN (")
                    + String.join(", ", values)
                    + "))";
        }
        if (e instanceof Like l) {
            String operator = l.kind() == Like.Kind.LIKE ? "LIKE" : "SIMILAR TO";
            return "("
                    + expression(l.operand(), context)
                    + (l.negated() ? " NOT " : " ")
                    + operator
                    + " "
                    + expression(l.pattern(), context)
                    + l.escape().map(x -> " ESCAPE " + expression(x, context)).orElse("")
                    + ")";
        }
        if (e instanceof CaseExpression c) {
            StringBuilder sql = new StringBuilder("CASE");
            c.operand().ifPresent(o -> sql.append(' ').append(expression(o, context)));
            for (WhenClause when : c.whenClauses()) {
                sql.append(" WHEN ")
                        .append(expression(when.condition(), context))
                        .append(" THEN ")
                        .append(expression(when.result(), context));
            }
            c.elseResult().ifPresent(x -> sql.append(" ELSE ").append(expression(x, context)));
            return sql.append(" END").toString();
        }
        if (e instanceof Cast c) {
            return "CAST("
                    + expression(c.operand(), context)
                    + " AS "
                    + type(context.sourceName(), c.type())
                    + ")";
        }
        if (e instanceof Extract x) {
            return "EXTRACT(" + x.field() + " FROM " + expression(x.source(), context) + ")";
        }
        if (e instanceof FloorCeil f) {
            return f.direction() + "(" + expression(f.operand(), context) + " TO " + f.unit() + ")";
        }
        if (e instanceof Trim t) {
            return "TRIM("
                    + t.side()
                    + " "
                    + t.character().map(x -> expression(x, context) + " ").orElse("")
                    + "FROM "
                    + expression(t.source(), context)
                    + ")";
        }
        if (e instanceof Step s) {
            return step(s, context);
        }
        if (e instanceof FunctionCall f) {
            return function(f, context);
        }
        throw new UnsupportedConstructException(
                context.sourceName(), e.position(), e.getClass().getSimpleName(), "");
    }

    /** {@code STEP} as a value (not as a window key): epoch-aligned rounding down. */
    private static String step(Step s, Context context) {
        String operand = expression(s.operand(), context);
        if (s.step() instanceof IntervalLiteral interval) {
            long millis =
                    dev.flinkkda.kda.sql.analysis.Intervals.toMillis(interval)
                            .filter(m -> m > 0)
                            .orElseThrow(
                                    () ->
                                            new UnsupportedConstructException(
                                                    context.sourceName(),
                                                    interval.position(),
                                                    "STEP BY " + interval(interval),
                                                    "a positive day-time interval is needed"));
            return "KDA_STEP(" + operand + ", " + millis + ")";
        }
        String step = expression(s.step(), context);
        // floor to a multiple, also for negative values (MOD keeps the dividend's sign)
        return "("
                + operand
                + " - MOD(MOD("
                + operand
                + ", "
                + step
                + ") + "
                + step
                + ", "
                + step
                + "))";
    }

    private static String function(FunctionCall f, Context context) {
        if (f.over().isPresent()) {
            Optional<String> over = context.overWindows().apply(f);
            if (over.isPresent()) {
                return over.get();
            }
        }
        String name = f.name().name();
        FunctionMapping.Rule rule =
                FunctionMapping.rule(name, f.arguments().size())
                        .orElseThrow(
                                () ->
                                        new UnsupportedConstructException(
                                                context.sourceName(),
                                                f.position(),
                                                "function "
                                                        + name
                                                        + " with "
                                                        + f.arguments().size()
                                                        + " argument"
                                                        + (f.arguments().size() == 1 ? "" : "s"),
                                                "no Flink translation"));
        if (f.nullTreatment().isPresent()) {
            throw new UnsupportedConstructException(
                    context.sourceName(),
                    f.position(),
                    name + " " + f.nullTreatment().get().name().replace('_', ' '),
                    "");
        }
        List<String> arguments = new ArrayList<>();
        f.arguments().forEach(a -> arguments.add(expression(a, context)));
        return rule.render(arguments, f.distinct(), f.starArgument());
    }

    /** An interval literal, as KDA and Flink both write it. */
    public static String interval(IntervalLiteral i) {
        return "INTERVAL " + (i.negative() ? "-" : "") + string(i.value()) + " " + i.qualifier();
    }

    /**
     * A window as Flink's OVER clause: ordered by the given time attribute, ending at the current
     * row.
     */
    public static String over(WindowSpec spec, String rowtime, Context context) {
        StringBuilder sql = new StringBuilder("OVER (");
        if (!spec.partitionBy().isEmpty()) {
            List<String> keys = new ArrayList<>();
            spec.partitionBy().forEach(k -> keys.add(expression(k, context)));
            sql.append("PARTITION BY ").append(String.join(", ", keys)).append(' ');
        }
        sql.append("ORDER BY ").append(rowtime).append(' ');
        WindowFrame frame = spec.frame().orElseThrow();
        sql.append(frame.unit()).append(" BETWEEN ");
        FrameBound start = frame.start();
        switch (start.kind()) {
            case CURRENT_ROW:
                sql.append("CURRENT ROW");
                break;
            case PRECEDING:
                Expression offset = start.offset().orElseThrow();
                sql.append(
                                offset instanceof IntervalLiteral i
                                        ? interval(i)
                                        : expression(offset, context))
                        .append(" PRECEDING");
                break;
            default:
                throw new KdaSemanticException(
                        context.sourceName(), start.position(), "unexpected frame " + start.kind());
        }
        return sql.append(" AND CURRENT ROW)").toString();
    }
}
