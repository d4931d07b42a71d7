package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.functions.KdaIntervalFunctions;
import dev.flinkkda.kda.sql.ast.IntervalQualifier;
import dev.flinkkda.kda.sql.ast.TimeUnit;
import dev.flinkkda.kda.sql.expr.Call;
import dev.flinkkda.kda.sql.expr.Literal;
import dev.flinkkda.kda.sql.expr.TypedExpression;
import dev.flinkkda.kda.sql.functions.KdaFunction;
import dev.flinkkda.kda.sql.functions.KdaFunctionTable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Recognises a {@code GROUP BY} key that is a monotonic step function of {@code ROWTIME} with a
 * fixed period — a tumbling window: {@code STEP(ROWTIME BY INTERVAL '10' SECOND)}, {@code
 * FLOOR(ROWTIME TO MINUTE)}, the console's {@code FLOOR((ROWTIME - TIMESTAMP '1970-01-01 00:00:00')
 * SECOND / 10 TO SECOND)}, and their combinations.
 *
 * <p>Every sub-expression of {@code ROWTIME} {@code t} (in epoch milliseconds) is described as
 * {@code value(t) = scale * period * floor((t - phase) / period) + shift} (milliseconds of a
 * timestamp or of an interval): {@code ROWTIME} itself is {@code (scale 1, period 1 ms, phase 0,
 * shift 0)}; adding a constant interval changes the shift, multiplying or dividing by a positive
 * constant the scale and shift; a datetime difference from a constant timestamp and {@code FLOOR …
 * TO unit} and {@code STEP … BY} (the difference truncates to its qualifier's last field) round
 * down to a unit {@code U}, which is again of that form when {@code U} is a whole multiple {@code
 * k} of {@code scale * period}: {@code floor((m + f) / k) = floor((m + floor(f)) / k)} for an
 * integer {@code m} and an integer {@code k}, so the new period is {@code k * period} and the phase
 * moves by {@code -floor(shift / (scale * period)) * period}. A key whose period is more than a
 * millisecond is a tumbling window of that period; its windows start at {@code phase} modulo the
 * period.
 */
final class RowtimeSteps {

    /** {@code scale * period * floor((t - phase) / period) + shift}, in milliseconds. */
    record Shape(Rational scale, long period, long phase, Rational shift) {}

    /** A tumbling window: windows {@code [phase + k * period, phase + (k + 1) * period)}. */
    record Window(long periodMillis, long phaseMillis) {}

    private RowtimeSteps() {}

    /** The window {@code key} defines, if it is a step function of ROWTIME. */
    static Optional<Window> window(TypedExpression key, Predicate<TypedExpression> isRowtime) {
        return shape(key, isRowtime)
                .filter(s -> s.period() > 1)
                .map(s -> new Window(s.period(), Math.floorMod(s.phase(), s.period())));
    }

    static Optional<Shape> shape(TypedExpression e, Predicate<TypedExpression> isRowtime) {
        if (isRowtime.test(e)) {
            return Optional.of(new Shape(Rational.ONE, 1, 0, Rational.ZERO));
        }
        if (!(e instanceof Call call)) {
            return Optional.empty();
        }
        KdaFunction f = call.function();
        if (f == KdaFunctionTable.STEP_TIME) {
            return shape(call.arguments().get(0), isRowtime)
                    .flatMap(
                            s ->
                                    constantNumber(call.arguments().get(1))
                                            .flatMap(p -> floor(s, p.toBigInteger())));
        }
        if (f == KdaFunctionTable.FLOOR_TO || f == KdaFunctionTable.INTERVAL_FLOOR) {
            TimeUnit unit = TimeUnit.valueOf(call.keyword());
            if (unit.isYearMonth()) {
                return Optional.empty();
            }
            return shape(call.arguments().get(0), isRowtime)
                    .flatMap(
                            s ->
                                    floor(
                                            s,
                                            BigInteger.valueOf(
                                                    KdaIntervalFunctions.unitMillis(unit.name()))));
        }
        if (f == KdaFunctionTable.TIMESTAMP_DIFFERENCE) {
            Optional<Long> origin = timestampMillis(call.arguments().get(1));
            if (origin.isEmpty()) {
                return Optional.empty();
            }
            String last = lastUnit(call.keyword());
            long unit = last.equals("SECOND") ? 1 : KdaIntervalFunctions.unitMillis(last);
            // Truncation toward zero is a floor for ROWTIMEs after the origin.
            return shape(call.arguments().get(0), isRowtime)
                    .map(s -> shifted(s, Rational.of(-origin.get())))
                    .flatMap(s -> floor(s, BigInteger.valueOf(unit)));
        }
        if (f == KdaFunctionTable.PLUS || f == KdaFunctionTable.MINUS) {
            int sign = f == KdaFunctionTable.PLUS ? 1 : -1;
            Optional<Rational> right = intervalMillis(call.arguments().get(1));
            if (right.isPresent()) {
                return shape(call.arguments().get(0), isRowtime)
                        .map(s -> shifted(s, right.get().times(Rational.of(sign))));
            }
            Optional<Rational> left = intervalMillis(call.arguments().get(0));
            if (left.isPresent() && sign > 0) {
                return shape(call.arguments().get(1), isRowtime).map(s -> shifted(s, left.get()));
            }
            return Optional.empty();
        }
        if (f == KdaFunctionTable.INTERVAL_TIMES || f == KdaFunctionTable.INTERVAL_DIVIDE) {
            Optional<Rational> factor =
                    constantNumber(call.arguments().get(1))
                            .filter(n -> n.signum() > 0)
                            .map(Rational::of);
            if (factor.isEmpty()) {
                return Optional.empty();
            }
            Rational by =
                    f == KdaFunctionTable.INTERVAL_TIMES
                            ? factor.get()
                            : Rational.ONE.dividedBy(factor.get());
            return shape(call.arguments().get(0), isRowtime)
                    .map(
                            s ->
                                    new Shape(
                                            s.scale().times(by),
                                            s.period(),
                                            s.phase(),
                                            s.shift().times(by)));
        }
        return Optional.empty();
    }

    private static Shape shifted(Shape s, Rational by) {
        return new Shape(s.scale(), s.period(), s.phase(), s.shift().plus(by));
    }

    /** {@code unit * floor(value / unit)}, if it is again a {@link Shape}. */
    private static Optional<Shape> floor(Shape s, BigInteger unit) {
        if (unit.signum() <= 0) {
            return Optional.empty();
        }
        Rational step = s.scale().times(Rational.of(s.period()));
        Rational k = Rational.of(unit).dividedBy(step);
        if (!k.isInteger() || k.signum() <= 0) {
            return Optional.empty();
        }
        BigInteger f = s.shift().dividedBy(step).floor();
        BigInteger period = k.numerator().multiply(BigInteger.valueOf(s.period()));
        BigInteger phase =
                BigInteger.valueOf(s.phase()).subtract(f.multiply(BigInteger.valueOf(s.period())));
        if (period.bitLength() > 62 || phase.bitLength() > 62) {
            return Optional.empty();
        }
        Rational scale = Rational.of(unit).dividedBy(Rational.of(period));
        return Optional.of(new Shape(scale, period.longValue(), phase.longValue(), Rational.ZERO));
    }

    private static Optional<BigDecimal> constantNumber(TypedExpression e) {
        if (e instanceof Literal literal && literal.kind() == Literal.Kind.NUMBER) {
            return Optional.of(new BigDecimal(literal.value()));
        }
        return Optional.empty();
    }

    private static Optional<Rational> intervalMillis(TypedExpression e) {
        if (!(e instanceof Literal literal) || literal.kind() != Literal.Kind.INTERVAL) {
            return Optional.empty();
        }
        boolean negative = literal.qualifier().startsWith("-");
        String text = negative ? literal.qualifier().substring(1) : literal.qualifier();
        String[] units = text.split(" TO ");
        IntervalQualifier qualifier =
                new IntervalQualifier(
                        TimeUnit.valueOf(units[0]),
                        units.length > 1
                                ? Optional.of(TimeUnit.valueOf(units[1]))
                                : Optional.empty());
        return Intervals.toMillis(
                        new dev.flinkkda.kda.sql.ast.IntervalLiteral(
                                new dev.flinkkda.kda.sql.ast.SourcePosition(1, 1),
                                negative,
                                literal.value(),
                                qualifier))
                .map(Rational::of);
    }

    private static Optional<Long> timestampMillis(TypedExpression e) {
        if (!(e instanceof Literal literal) || literal.kind() != Literal.Kind.TIMESTAMP) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    LocalDateTime.parse(literal.value().trim().replace(' ', 'T'))
                            .toInstant(ZoneOffset.UTC)
                            .toEpochMilli());
        } catch (java.time.format.DateTimeParseException e2) {
            return Optional.empty();
        }
    }

    private static String lastUnit(String qualifier) {
        int to = qualifier.lastIndexOf(" TO ");
        return to < 0 ? qualifier : qualifier.substring(to + 4);
    }

    /** An exact fraction. */
    record Rational(BigInteger numerator, BigInteger denominator) {
        static final Rational ZERO = of(0);
        static final Rational ONE = of(1);

        Rational {
            if (denominator.signum() < 0) {
                numerator = numerator.negate();
                denominator = denominator.negate();
            }
            BigInteger gcd = numerator.gcd(denominator);
            if (gcd.signum() > 0 && !gcd.equals(BigInteger.ONE)) {
                numerator = numerator.divide(gcd);
                denominator = denominator.divide(gcd);
            }
        }

        static Rational of(long value) {
            return new Rational(BigInteger.valueOf(value), BigInteger.ONE);
        }

        static Rational of(BigInteger value) {
            return new Rational(value, BigInteger.ONE);
        }

        static Rational of(BigDecimal value) {
            return value.scale() <= 0
                    ? of(value.toBigIntegerExact())
                    : new Rational(value.unscaledValue(), BigInteger.TEN.pow(value.scale()));
        }

        Rational plus(Rational o) {
            return new Rational(
                    numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)),
                    denominator.multiply(o.denominator));
        }

        Rational times(Rational o) {
            return new Rational(
                    numerator.multiply(o.numerator), denominator.multiply(o.denominator));
        }

        Rational dividedBy(Rational o) {
            return new Rational(
                    numerator.multiply(o.denominator), denominator.multiply(o.numerator));
        }

        boolean isInteger() {
            return denominator.equals(BigInteger.ONE);
        }

        int signum() {
            return numerator.signum();
        }

        BigInteger floor() {
            BigInteger[] qr = numerator.divideAndRemainder(denominator);
            return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        }
    }
}
