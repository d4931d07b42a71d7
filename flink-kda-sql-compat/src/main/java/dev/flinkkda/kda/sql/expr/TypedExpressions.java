package dev.flinkkda.kda.sql.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** Walks and rewrites typed expressions. */
public final class TypedExpressions {

    private TypedExpressions() {}

    /** The direct sub-expressions of {@code e}, left to right. */
    public static List<TypedExpression> children(TypedExpression e) {
        if (e instanceof Call call) {
            return call.arguments();
        }
        if (e instanceof FieldAccess access) {
            return List.of(access.row());
        }
        if (e instanceof WindowedCall windowed) {
            List<TypedExpression> children = new ArrayList<>(windowed.call().arguments());
            children.addAll(windowed.window().partitionBy());
            return children;
        }
        return List.of();
    }

    /** Visits {@code e} and all its sub-expressions, parents first. */
    public static void forEach(TypedExpression e, Consumer<TypedExpression> visitor) {
        visitor.accept(e);
        for (TypedExpression child : children(e)) {
            forEach(child, visitor);
        }
    }

    /** Whether {@code e} or one of its sub-expressions satisfies {@code test}. */
    public static boolean contains(
            TypedExpression e, java.util.function.Predicate<TypedExpression> test) {
        if (test.test(e)) {
            return true;
        }
        for (TypedExpression child : children(e)) {
            if (contains(child, test)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code e} with each sub-expression for which {@code replacement} gives a value replaced by it
     * (outermost first: a replaced expression is not looked into).
     */
    public static TypedExpression replace(
            TypedExpression e, Function<TypedExpression, Optional<TypedExpression>> replacement) {
        Optional<TypedExpression> replaced = replacement.apply(e);
        if (replaced.isPresent()) {
            return replaced.get();
        }
        if (e instanceof Call call) {
            List<TypedExpression> arguments = new ArrayList<>();
            call.arguments().forEach(a -> arguments.add(replace(a, replacement)));
            return call.withArguments(arguments);
        }
        if (e instanceof FieldAccess access) {
            return new FieldAccess(
                    replace(access.row(), replacement), access.field(), access.type());
        }
        if (e instanceof WindowedCall windowed) {
            List<TypedExpression> arguments = new ArrayList<>();
            windowed.call().arguments().forEach(a -> arguments.add(replace(a, replacement)));
            List<TypedExpression> keys = new ArrayList<>();
            windowed.window().partitionBy().forEach(k -> keys.add(replace(k, replacement)));
            return new WindowedCall(
                    windowed.call().withArguments(arguments),
                    new SlidingWindow(
                            keys, windowed.window().unit(), windowed.window().preceding()));
        }
        return e;
    }

    /**
     * Whether {@code e} is an aggregate call outside any window ({@code SUM(x)}, not {@code OVER}).
     */
    public static boolean isAggregate(TypedExpression e) {
        return e instanceof Call call && call.function().isAggregate();
    }

    /** Whether {@code e} contains an aggregate call outside any window. */
    public static boolean containsAggregate(TypedExpression e) {
        if (isAggregate(e)) {
            return true;
        }
        if (e instanceof WindowedCall) {
            return false;
        }
        for (TypedExpression child : children(e)) {
            if (containsAggregate(child)) {
                return true;
            }
        }
        return false;
    }
}
