package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.Between;
import dev.flinkkda.kda.sql.ast.BinaryOperation;
import dev.flinkkda.kda.sql.ast.BinaryStringLiteral;
import dev.flinkkda.kda.sql.ast.BooleanLiteral;
import dev.flinkkda.kda.sql.ast.CaseExpression;
import dev.flinkkda.kda.sql.ast.Cast;
import dev.flinkkda.kda.sql.ast.ColumnReference;
import dev.flinkkda.kda.sql.ast.CursorExpression;
import dev.flinkkda.kda.sql.ast.DateTimeLiteral;
import dev.flinkkda.kda.sql.ast.DatetimeDifference;
import dev.flinkkda.kda.sql.ast.Exists;
import dev.flinkkda.kda.sql.ast.Expression;
import dev.flinkkda.kda.sql.ast.Extract;
import dev.flinkkda.kda.sql.ast.FloorCeil;
import dev.flinkkda.kda.sql.ast.FunctionCall;
import dev.flinkkda.kda.sql.ast.InList;
import dev.flinkkda.kda.sql.ast.InSubquery;
import dev.flinkkda.kda.sql.ast.IntervalLiteral;
import dev.flinkkda.kda.sql.ast.IsNull;
import dev.flinkkda.kda.sql.ast.IsTruthValue;
import dev.flinkkda.kda.sql.ast.Like;
import dev.flinkkda.kda.sql.ast.NamedArgument;
import dev.flinkkda.kda.sql.ast.NullLiteral;
import dev.flinkkda.kda.sql.ast.NumericLiteral;
import dev.flinkkda.kda.sql.ast.ScalarSubquery;
import dev.flinkkda.kda.sql.ast.Step;
import dev.flinkkda.kda.sql.ast.StringLiteral;
import dev.flinkkda.kda.sql.ast.Trim;
import dev.flinkkda.kda.sql.ast.UnaryOperation;
import dev.flinkkda.kda.sql.ast.WhenClause;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Walks expression trees: the direct sub-expressions of each kind of expression. */
public final class Expressions {

    private Expressions() {}

    /** The direct sub-expressions of {@code e}, left to right (not into subqueries). */
    public static List<Expression> children(Expression e) {
        List<Expression> c = new ArrayList<>();
        if (e instanceof BinaryOperation b) {
            c.add(b.left());
            c.add(b.right());
        } else if (e instanceof UnaryOperation u) {
            c.add(u.operand());
        } else if (e instanceof IsNull n) {
            c.add(n.operand());
        } else if (e instanceof IsTruthValue t) {
            c.add(t.operand());
        } else if (e instanceof Between b) {
            c.add(b.operand());
            c.add(b.low());
            c.add(b.high());
        } else if (e instanceof InList in) {
            c.add(in.operand());
            c.addAll(in.values());
        } else if (e instanceof InSubquery in) {
            c.add(in.operand());
        } else if (e instanceof Like l) {
            c.add(l.operand());
            c.add(l.pattern());
            l.escape().ifPresent(c::add);
        } else if (e instanceof CaseExpression k) {
            k.operand().ifPresent(c::add);
            for (WhenClause w : k.whenClauses()) {
                c.add(w.condition());
                c.add(w.result());
            }
            k.elseResult().ifPresent(c::add);
        } else if (e instanceof Cast k) {
            c.add(k.operand());
        } else if (e instanceof Extract x) {
            c.add(x.source());
        } else if (e instanceof Step s) {
            c.add(s.operand());
            c.add(s.step());
        } else if (e instanceof FloorCeil f) {
            c.add(f.operand());
        } else if (e instanceof DatetimeDifference d) {
            c.add(d.left());
            c.add(d.right());
        } else if (e instanceof Trim t) {
            t.character().ifPresent(c::add);
            c.add(t.source());
        } else if (e instanceof FunctionCall f) {
            c.addAll(f.arguments());
        } else if (e instanceof NamedArgument a) {
            c.add(a.value());
        } else if (!(e instanceof ColumnReference
                || e instanceof NullLiteral
                || e instanceof BooleanLiteral
                || e instanceof NumericLiteral
                || e instanceof StringLiteral
                || e instanceof BinaryStringLiteral
                || e instanceof DateTimeLiteral
                || e instanceof IntervalLiteral
                || e instanceof Exists
                || e instanceof ScalarSubquery
                || e instanceof CursorExpression)) {
            throw new IllegalStateException("unknown expression " + e.getClass().getSimpleName());
        }
        return c;
    }

    /** Visits {@code e} and all its sub-expressions, parents first. */
    public static void forEach(Expression e, Consumer<Expression> visitor) {
        visitor.accept(e);
        for (Expression child : children(e)) {
            forEach(child, visitor);
        }
    }
}
