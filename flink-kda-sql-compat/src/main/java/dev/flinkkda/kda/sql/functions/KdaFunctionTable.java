package dev.flinkkda.kda.sql.functions;

import dev.flinkkda.analytics.sketches.ApproxCountDistinctFunction;
import dev.flinkkda.analytics.sketches.TopKItemsFunction;
import dev.flinkkda.kda.functions.KdaDatetimeText;
import dev.flinkkda.kda.functions.KdaFastRegexLogParser;
import dev.flinkkda.kda.functions.KdaFixedColumnLogParse;
import dev.flinkkda.kda.functions.KdaIntervalFunctions;
import dev.flinkkda.kda.functions.KdaRegexLogParse;
import dev.flinkkda.kda.functions.KdaRegexReplace;
import dev.flinkkda.kda.functions.KdaStep;
import dev.flinkkda.kda.functions.KdaStringFunctions;
import dev.flinkkda.kda.functions.KdaSysLogParse;
import dev.flinkkda.kda.functions.KdaToTimestamp;
import dev.flinkkda.kda.functions.KdaTsDiff;
import dev.flinkkda.kda.functions.KdaUnixTimestamp;
import dev.flinkkda.kda.functions.KdaVariableColumnLogParse;
import dev.flinkkda.kda.functions.KdaW3cLogParse;
import dev.flinkkda.kda.functions.logparse.LogParserSpecException;
import dev.flinkkda.kda.functions.logparse.LogParsers;
import dev.flinkkda.kda.functions.logparse.RegexReplace;
import dev.flinkkda.kda.sql.functions.KdaFunction.Kind;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.types.DataType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.flinkkda.kda.sql.functions.FlinkForm.function;
import static dev.flinkkda.kda.sql.functions.FlinkForm.template;

/**
 * The one table of KDA's functions and operators that the translator knows: the analyser looks
 * names up here (what is not here is rejected before a job starts), types calls by it, and the
 * emitter writes each call as its entry says. Functions Flink writes the same way keep their name;
 * those with another argument order or unit go to Flink's equivalent or to one of flink-kda's
 * {@code KDA_*} functions, whose classes the table names too ({@link #implementations()},
 * registered by {@link dev.flinkkda.kda.functions.KdaFunctionCatalog}).
 */
public final class KdaFunctionTable {

    private static final int ANY = Integer.MAX_VALUE;

    private static final Map<String, List<KdaFunction>> BY_NAME = new LinkedHashMap<>();

    // ------------------------------------------------------------------ operators and special
    // forms

    public static final KdaFunction PLUS = operator("+", 2, "({0} + {1})", ReturnTypes.ADDITIVE);
    public static final KdaFunction MINUS = operator("-", 2, "({0} - {1})", ReturnTypes.ADDITIVE);
    public static final KdaFunction TIMES =
            operator("*", 2, "({0} * {1})", ReturnTypes.MULTIPLICATIVE);
    public static final KdaFunction DIVIDE = operator("/", 2, "({0} / {1})", ReturnTypes.DIVISION);
    public static final KdaFunction CONCAT =
            operator("||", 2, "({0} || {1})", ReturnTypes.requiring("SS", ReturnTypes.STRING));
    public static final KdaFunction EQUAL = operator("=", 2, "({0} = {1})", ReturnTypes.COMPARISON);
    public static final KdaFunction NOT_EQUAL =
            operator("<>", 2, "({0} <> {1})", ReturnTypes.COMPARISON);
    public static final KdaFunction LESS_THAN =
            operator("<", 2, "({0} < {1})", ReturnTypes.COMPARISON);
    public static final KdaFunction LESS_THAN_OR_EQUAL =
            operator("<=", 2, "({0} <= {1})", ReturnTypes.COMPARISON);
    public static final KdaFunction GREATER_THAN =
            operator(">", 2, "({0} > {1})", ReturnTypes.COMPARISON);
    public static final KdaFunction GREATER_THAN_OR_EQUAL =
            operator(">=", 2, "({0} >= {1})", ReturnTypes.COMPARISON);
    public static final KdaFunction AND =
            operator("AND", 2, "({0} AND {1})", ReturnTypes.requiring("BB", ReturnTypes.BOOLEAN));
    public static final KdaFunction OR =
            operator("OR", 2, "({0} OR {1})", ReturnTypes.requiring("BB", ReturnTypes.BOOLEAN));
    public static final KdaFunction NOT =
            operator("NOT", 1, "(NOT {0})", ReturnTypes.requiring("B", ReturnTypes.BOOLEAN));
    public static final KdaFunction UNARY_MINUS =
            operator("unary -", 1, "(-{0})", ReturnTypes.requiring("V", ReturnTypes.argument(0)));
    public static final KdaFunction UNARY_PLUS =
            operator("unary +", 1, "(+{0})", ReturnTypes.requiring("V", ReturnTypes.argument(0)));

    /** {@code x IS [NOT] NULL|TRUE|FALSE|UNKNOWN}; the keyword is what follows {@code IS}. */
    public static final KdaFunction IS =
            operator("IS", 1, "({0} IS {keyword})", ReturnTypes.BOOLEAN);

    public static final KdaFunction BETWEEN =
            operator("BETWEEN", 3, "({0} BETWEEN {1} AND {2})", ReturnTypes.COMPARISON);
    public static final KdaFunction NOT_BETWEEN =
            operator("NOT BETWEEN", 3, "({0} NOT BETWEEN {1} AND {2})", ReturnTypes.COMPARISON);
    public static final KdaFunction IN =
            register(
                    new KdaFunction(
                            "IN",
                            Kind.OPERATOR,
                            2,
                            ANY,
                            new FlinkForm.In(false),
                            ReturnTypes.COMPARISON));
    public static final KdaFunction NOT_IN =
            register(
                    new KdaFunction(
                            "NOT IN",
                            Kind.OPERATOR,
                            2,
                            ANY,
                            new FlinkForm.In(true),
                            ReturnTypes.COMPARISON));

    public static final KdaFunction LIKE = like("LIKE");
    public static final KdaFunction NOT_LIKE = like("NOT LIKE");
    public static final KdaFunction SIMILAR_TO = like("SIMILAR TO");
    public static final KdaFunction NOT_SIMILAR_TO = like("NOT SIMILAR TO");

    /**
     * {@code CASE}: the arguments are the operand (keyword {@code SIMPLE}), the WHEN/THEN pairs and
     * the ELSE result (keyword contains {@code ELSE}); its type is set by the analyser.
     */
    public static final KdaFunction CASE =
            register(
                    new KdaFunction(
                            "CASE",
                            Kind.OPERATOR,
                            2,
                            ANY,
                            new FlinkForm.Case(),
                            arguments -> {
                                throw new IllegalStateException("CASE is typed by the analyser");
                            }));

    /** {@code CAST(x AS type)}: the call's type is the target. */
    public static final KdaFunction CAST =
            operator(
                    "CAST",
                    1,
                    "CAST({0} AS {type})",
                    arguments -> {
                        throw new IllegalStateException("a CAST is typed by its target");
                    });

    /**
     * {@code TRY_CAST(x AS type)}: NULL where {@code CAST} fails. Not KDA's: the translator's own,
     * for the checks that send a row whose {@code CAST} fails to {@code error_stream}.
     */
    public static final KdaFunction TRY_CAST =
            operator(
                    "TRY_CAST",
                    1,
                    "TRY_CAST({0} AS {type})",
                    arguments -> {
                        throw new IllegalStateException("a CAST is typed by its target");
                    });

    /**
     * {@code CHAR_TO_TIME} giving NULL where the text does not match the format. Not KDA's (its
     * name is no identifier, so no application can call it): for the checks that send such a row to
     * {@code error_stream}.
     */
    public static final KdaFunction TRY_CHAR_TO_TIME =
            operator(
                    "TRY CHAR_TO_TIME",
                    2,
                    "KDA_TRY_CHAR_TO_TIME({0}, {1})",
                    ReturnTypes.fixed(DataTypes.TIME(0)),
                    implementation("KDA_TRY_CHAR_TO_TIME", KdaDatetimeText.TryCharToTime.class));

    public static final KdaFunction EXTRACT =
            operator(
                    "EXTRACT",
                    1,
                    "EXTRACT({keyword} FROM {0})",
                    ReturnTypes.requiring("D", ReturnTypes.BIGINT));
    public static final KdaFunction FLOOR_TO =
            operator("FLOOR TO", 1, "FLOOR({0} TO {keyword})", ReturnTypes.argument(0));
    public static final KdaFunction CEIL_TO =
            operator("CEIL TO", 1, "CEIL({0} TO {keyword})", ReturnTypes.argument(0));

    // ------------------------------------------------------------------ day-time intervals
    // Flink SQL has no (a - b) qualifier and no FLOOR of an interval: flink-kda's functions on
    // Flink INTERVAL SECOND(3) values. The keyword is the qualifier or the unit.

    /** {@code (a - b) qualifier} of two timestamps. */
    public static final KdaFunction TIMESTAMP_DIFFERENCE =
            operator(
                    "(timestamp - timestamp) qualifier",
                    2,
                    "KDA_DATETIME_MINUS(CAST({0} AS TIMESTAMP(3)), CAST({1} AS TIMESTAMP(3)),"
                            + " '{keyword}')",
                    arguments -> {
                        throw new IllegalStateException("typed by its qualifier");
                    },
                    implementation("KDA_DATETIME_MINUS", KdaIntervalFunctions.DatetimeMinus.class));

    /** {@code (a - b) qualifier} of two dates or two times. */
    public static final KdaFunction DATE_TIME_DIFFERENCE =
            operator(
                    "(datetime - datetime) qualifier",
                    2,
                    "KDA_DATETIME_MINUS({0}, {1}, '{keyword}')",
                    arguments -> {
                        throw new IllegalStateException("typed by its qualifier");
                    },
                    implementation("KDA_DATETIME_MINUS", KdaIntervalFunctions.DatetimeMinus.class));

    public static final KdaFunction INTERVAL_TIMES =
            operator(
                    "interval *",
                    2,
                    "KDA_INTERVAL_TIMES({0}, CAST({1} AS DOUBLE))",
                    ReturnTypes.argument(0),
                    implementation("KDA_INTERVAL_TIMES", KdaIntervalFunctions.Times.class));
    public static final KdaFunction INTERVAL_DIVIDE =
            operator(
                    "interval /",
                    2,
                    "KDA_INTERVAL_DIVIDE({0}, CAST({1} AS DOUBLE))",
                    ReturnTypes.argument(0),
                    implementation("KDA_INTERVAL_DIVIDE", KdaIntervalFunctions.Divide.class));
    public static final KdaFunction INTERVAL_FLOOR =
            operator(
                    "FLOOR interval TO",
                    1,
                    "KDA_INTERVAL_FLOOR({0}, '{keyword}')",
                    ReturnTypes.argument(0),
                    implementation("KDA_INTERVAL_FLOOR", KdaIntervalFunctions.Floor.class));
    public static final KdaFunction INTERVAL_CEIL =
            operator(
                    "CEIL interval TO",
                    1,
                    "KDA_INTERVAL_CEIL({0}, '{keyword}')",
                    ReturnTypes.argument(0),
                    implementation("KDA_INTERVAL_CEIL", KdaIntervalFunctions.Ceil.class));

    /** {@code CAST(interval AS BIGINT|DECIMAL)}: the keyword is the interval's last unit. */
    public static final KdaFunction CAST_INTERVAL_TO_NUMBER =
            operator(
                    "CAST interval AS number",
                    1,
                    "CAST(KDA_INTERVAL_TO_NUMBER({0}, '{keyword}') AS {type})",
                    arguments -> {
                        throw new IllegalStateException("a CAST is typed by its target");
                    },
                    implementation("KDA_INTERVAL_TO_NUMBER", KdaIntervalFunctions.ToNumber.class));

    /** {@code CAST(interval AS VARCHAR|CHAR)}: the keyword is the interval's qualifier. */
    public static final KdaFunction CAST_INTERVAL_TO_CHAR =
            operator(
                    "CAST interval AS string",
                    1,
                    "CAST(KDA_INTERVAL_TO_CHAR({0}, '{keyword}') AS {type})",
                    arguments -> {
                        throw new IllegalStateException("a CAST is typed by its target");
                    },
                    implementation("KDA_INTERVAL_TO_CHAR", KdaIntervalFunctions.ToChar.class));

    /**
     * {@code CAST(real AS integer)}: KDA rounds (SR CAST, "Real to integer"), Flink's CAST
     * truncates; Flink's ROUND rounds half away from zero.
     */
    public static final KdaFunction CAST_ROUNDED =
            operator(
                    "CAST real AS integer",
                    1,
                    "CAST(ROUND({0}, 0) AS {type})",
                    arguments -> {
                        throw new IllegalStateException("a CAST is typed by its target");
                    });

    /** {@code CAST(interval AS interval)}: the same milliseconds. */
    public static final KdaFunction CAST_INTERVAL_TO_INTERVAL =
            operator(
                    "CAST interval AS interval",
                    1,
                    "{0}",
                    arguments -> {
                        throw new IllegalStateException("a CAST is typed by its target");
                    });

    /** {@code TRIM(side [character] FROM s)}: the side is the keyword. */
    public static final KdaFunction TRIM =
            register(
                    new KdaFunction(
                            "TRIM",
                            Kind.OPERATOR,
                            1,
                            2,
                            template("TRIM({keyword} FROM {0})", "TRIM({keyword} {0} FROM {1})"),
                            ReturnTypes.requiring("SS", ReturnTypes.STRING)));

    /**
     * {@code STEP(datetime BY INTERVAL …)}: the second argument is the interval in milliseconds.
     */
    public static final KdaFunction STEP_TIME =
            register(
                    new KdaFunction(
                            "STEP",
                            Kind.OPERATOR,
                            2,
                            2,
                            function("KDA_STEP"),
                            ReturnTypes.argument(0),
                            Optional.of(new KdaFunction.Implementation("KDA_STEP", KdaStep.class)),
                            sqlClient("STEP", KdaStep.class)));

    /** {@code STEP(number BY number)}: rounded down to a multiple, also below zero. */
    public static final KdaFunction STEP_NUMBER =
            register(
                    new KdaFunction(
                            "STEP BY NUMBER",
                            Kind.OPERATOR,
                            2,
                            2,
                            template("({0} - MOD(MOD({0}, {1}) + {1}, {1}))"),
                            ReturnTypes.requiring("NN", ReturnTypes.argument(0)),
                            Optional.empty(),
                            sqlClient("STEP", KdaStep.class)));

    // ------------------------------------------------------------------ scalar functions

    static {
        for (String name : List.of("ABS", "CEIL", "CEILING", "FLOOR")) {
            same(name, 1, 1, ReturnTypes.NUMBER_ARGUMENT);
        }
        for (String name : List.of("EXP", "LN", "LOG10", "SQRT")) {
            same(name, 1, 1, ReturnTypes.requiring("N", ReturnTypes.DOUBLE));
        }
        same("POWER", 2, 2, ReturnTypes.requiring("NN", ReturnTypes.DOUBLE));
        // KDA's MOD takes integers only (SR MOD, Limitations); the sign follows the dividend, as
        // in Flink (MOD(-4, 3) is -1).
        same("MOD", 2, 2, ReturnTypes.INTEGER_MODULO);
        same("CHAR_LENGTH", 1, 1, ReturnTypes.requiring("S", ReturnTypes.INT));
        same("CHARACTER_LENGTH", 1, 1, ReturnTypes.requiring("S", ReturnTypes.INT));
        for (String name : List.of("LOWER", "UPPER")) {
            same(name, 1, 1, ReturnTypes.requiring("S", ReturnTypes.STRING));
        }
        // Space-delimited words (Flink's INITCAP splits at any non-alphanumeric character).
        scalar(
                "INITCAP",
                1,
                function("KDA_INITCAP"),
                ReturnTypes.requiring("S", ReturnTypes.STRING),
                implementation("KDA_INITCAP", KdaStringFunctions.Initcap.class));
        // A start below 1 shortens the length (Flink's counts a negative start from the end).
        scalar(
                "SUBSTRING",
                2,
                3,
                template(
                        "KDA_SUBSTRING({0}, CAST({1} AS BIGINT))",
                        "KDA_SUBSTRING({0}, CAST({1} AS BIGINT), CAST({2} AS BIGINT))"),
                ReturnTypes.requiring("SNN", ReturnTypes.STRING),
                implementation("KDA_SUBSTRING", KdaStringFunctions.Substring.class));
        same("COALESCE", 1, ANY, ReturnTypes.common(0));
        same("NULLIF", 2, 2, ReturnTypes.argument(0));

        niladic("CURRENT_DATE", "CURRENT_DATE", ReturnTypes.fixed(DataTypes.DATE()));
        niladic("CURRENT_TIME", "CURRENT_TIME", ReturnTypes.fixed(DataTypes.TIME(0)));
        niladic(
                "CURRENT_TIMESTAMP",
                "CURRENT_TIMESTAMP",
                ReturnTypes.fixed(DataTypes.TIMESTAMP_LTZ(3)));
        niladic("LOCALTIME", "LOCALTIME", ReturnTypes.fixed(DataTypes.TIME(0)));
        niladic("LOCALTIMESTAMP", "LOCALTIMESTAMP", ReturnTypes.TIMESTAMP);
        niladic(
                "CURRENT_ROW_TIMESTAMP",
                "CURRENT_ROW_TIMESTAMP()",
                ReturnTypes.fixed(DataTypes.TIMESTAMP_LTZ(3)));

        scalar(
                "POSITION",
                2,
                // Flink's POSITION(a IN b) does not parse a parenthesized a: LOCATE is the same
                template("LOCATE({0}, {1})"),
                ReturnTypes.requiring("SS", ReturnTypes.INT));
        scalar(
                "OVERLAY",
                3,
                4,
                template(
                        "OVERLAY({0} PLACING {1} FROM {2})",
                        "OVERLAY({0} PLACING {1} FROM {2} FOR {3})"),
                ReturnTypes.requiring("SSNN", ReturnTypes.STRING));
        // KDA writes the format first and reads it as SimpleDateFormat does (hh without a is the
        // hour of a 12-hour clock; Flink's TO_TIMESTAMP reads no hour from it).
        scalar(
                "CHAR_TO_TIMESTAMP",
                2,
                function("KDA_CHAR_TO_TIMESTAMP"),
                ReturnTypes.requiring("SS", ReturnTypes.TIMESTAMP),
                implementation("KDA_CHAR_TO_TIMESTAMP", KdaDatetimeText.CharToTimestamp.class));
        scalar(
                "CHAR_TO_DATE",
                2,
                function("KDA_CHAR_TO_DATE"),
                ReturnTypes.requiring("SS", ReturnTypes.fixed(DataTypes.DATE())),
                implementation("KDA_CHAR_TO_DATE", KdaDatetimeText.CharToDate.class));
        // KDA writes "null" for a null timestamp (SR TIMESTAMP_TO_CHAR).
        scalar(
                "TIMESTAMP_TO_CHAR",
                2,
                function("KDA_TIMESTAMP_TO_CHAR"),
                ReturnTypes.requiring("ST", ReturnTypes.STRING),
                implementation("KDA_TIMESTAMP_TO_CHAR", KdaDatetimeText.TimestampToChar.class));
        scalar(
                "TIME_TO_CHAR",
                2,
                function("KDA_TIME_TO_CHAR"),
                ReturnTypes.requiring("ST", ReturnTypes.STRING),
                implementation("KDA_TIME_TO_CHAR", KdaDatetimeText.TimeToChar.class));
        scalar(
                "CHAR_TO_TIME",
                2,
                function("KDA_CHAR_TO_TIME"),
                ReturnTypes.requiring("SS", ReturnTypes.fixed(DataTypes.TIME(0))),
                implementation("KDA_CHAR_TO_TIME", KdaDatetimeText.CharToTime.class));
        scalar(
                "DATE_TO_CHAR",
                2,
                function("KDA_DATE_TO_CHAR"),
                ReturnTypes.requiring("ST", ReturnTypes.STRING),
                implementation("KDA_DATE_TO_CHAR", KdaDatetimeText.DateToChar.class));
        // KDA's epoch milliseconds: Flink's UNIX_TIMESTAMP counts seconds of a string.
        udf(
                "UNIX_TIMESTAMP",
                1,
                1,
                KdaUnixTimestamp.class,
                ReturnTypes.requiring("P", ReturnTypes.BIGINT));
        udf("TSDIFF", 2, 2, KdaTsDiff.class, ReturnTypes.requiring("PP", ReturnTypes.BIGINT));
        flinkEquivalent(
                "TO_TIMESTAMP",
                1,
                template("CAST(TO_TIMESTAMP_LTZ({0}, 3) AS TIMESTAMP(3))"),
                ReturnTypes.requiring("N", ReturnTypes.TIMESTAMP),
                KdaToTimestamp.class);

        // Log parsers return a ROW whose fields their constant arguments define.
        logParser(LogParsers.REGEX_LOG_PARSE, 2, 2);
        logParser(LogParsers.FAST_REGEX_LOG_PARSER, 2, 2);
        register(
                new KdaFunction(
                        "FAST_REGEX_LOG_PARSE",
                        Kind.SCALAR,
                        2,
                        2,
                        function("KDA_" + LogParsers.FAST_REGEX_LOG_PARSER),
                        new LogParserReturnType(LogParsers.FAST_REGEX_LOG_PARSER),
                        implementation(LogParsers.FAST_REGEX_LOG_PARSER)));
        logParser(LogParsers.VARIABLE_COLUMN_LOG_PARSE, 3, 5);
        logParser(LogParsers.FIXED_COLUMN_LOG_PARSE, 2, 2);
        logParser(LogParsers.W3C_LOG_PARSE, 2, 2);
        logParser(LogParsers.SYS_LOG_PARSE, 1, 1);
        // KDA's start position and occurrence; Flink's REGEXP_REPLACE has neither.
        udf(
                "REGEX_REPLACE",
                5,
                5,
                KdaRegexReplace.class,
                new ReturnType() {
                    @Override
                    public DataType of(List<DataType> arguments) {
                        // KdaRegexReplace takes Integer positions
                        return ReturnTypes.requiring("SSSII", ReturnTypes.STRING).of(arguments);
                    }

                    @Override
                    public DataType of(
                            List<DataType> arguments, List<ReturnType.LiteralValue> literals) {
                        if (literals.get(1) != null
                                && literals.get(1).value() instanceof String regex) {
                            try {
                                RegexReplace.compile(regex);
                            } catch (LogParserSpecException e) {
                                throw new ArgumentException(e.argumentIndex(), e.getMessage());
                            }
                        }
                        return of(arguments);
                    }
                });

        // ------------------------------------------------------------------ aggregates
        aggregate("COUNT", 0, 1, ReturnTypes.BIGINT);
        for (String name : List.of("MIN", "MAX")) {
            aggregate(name, 1, 1, ReturnTypes.argument(0));
        }
        // Typed as their argument, as KDA (SQLstream/Calcite) and Flink both do; of numbers only
        // (the stagger operator's aggregate could not add up anything else).
        for (String name :
                List.of("SUM", "AVG", "VAR_POP", "VAR_SAMP", "STDDEV_POP", "STDDEV_SAMP")) {
            aggregate(name, 1, 1, ReturnTypes.NUMBER_ARGUMENT);
        }
        // KDA's boolean aggregates (SR Boolean Functions): true if the condition holds in any /
        // every row of the group; Flink orders FALSE before TRUE, so MAX and MIN.
        register(
                new KdaFunction(
                        "ANY",
                        Kind.AGGREGATE,
                        1,
                        1,
                        function("MAX"),
                        ReturnTypes.BOOLEAN_ARGUMENT));
        register(
                new KdaFunction(
                        "EVERY",
                        Kind.AGGREGATE,
                        1,
                        1,
                        function("MIN"),
                        ReturnTypes.BOOLEAN_ARGUMENT));
        // Analytic functions: only with OVER. Over RANGE INTERVAL windows they run in flink-kda's
        // per-event operator (runtime.RowAggregate); over ROWS windows in Flink's OVER, where the
        // analyser lets through only what Flink computes as KDA does.
        analytic("FIRST_VALUE", 1, 1, ReturnTypes.argument(0));
        analytic("LAST_VALUE", 1, 1, ReturnTypes.argument(0));
        analytic("LAG", 1, 3, ReturnTypes.argument(0));
        analytic("NTH_VALUE", 2, 2, ReturnTypes.argument(0));
        analytic("EXP_AVG", 2, 2, ReturnTypes.DOUBLE);

        // ------------------------------------------------------------------ table functions
        // The SQL client gets the two sketches as aggregates for Flink's window TVFs (a table
        // function owning timers is out of Flink 1.20 SQL's reach).
        Map<String, KdaFunction.Implementation> aggregateForms =
                Map.of(
                        "TOP_K_ITEMS_TUMBLING",
                        new KdaFunction.Implementation(
                                TopKItemsFunction.NAME, TopKItemsFunction.class),
                        "COUNT_DISTINCT_ITEMS_TUMBLING",
                        new KdaFunction.Implementation(
                                ApproxCountDistinctFunction.NAME,
                                ApproxCountDistinctFunction.class));
        for (String name :
                List.of(
                        "RANDOM_CUT_FOREST",
                        "RANDOM_CUT_FOREST_WITH_EXPLANATION",
                        "HOTSPOTS",
                        "TOP_K_ITEMS_TUMBLING",
                        "COUNT_DISTINCT_ITEMS_TUMBLING")) {
            register(
                    new KdaFunction(
                            name,
                            Kind.TABLE,
                            1,
                            ANY,
                            new FlinkForm.Operator(),
                            arguments -> {
                                throw new IllegalStateException(name + " returns a table");
                            },
                            Optional.empty(),
                            Optional.ofNullable(aggregateForms.get(name))));
        }
    }

    /** In an analytic call's keyword: {@code IGNORE NULLS} was written. */
    public static final String IGNORE_NULLS = "IGNORE NULLS";

    /** In an analytic call's keyword: {@code NTH_VALUE(…) FROM LAST}. */
    public static final String FROM_LAST = "FROM LAST";

    private KdaFunctionTable() {}

    /** The entries named {@code name} (any case), whatever their arity. */
    public static List<KdaFunction> named(String name) {
        return BY_NAME.getOrDefault(name.toUpperCase(Locale.ROOT), List.of());
    }

    /** The entry for a call of {@code name} with {@code arity} arguments, if KDA has one. */
    public static Optional<KdaFunction> lookup(String name, int arity) {
        return named(name).stream().filter(f -> f.accepts(arity)).findFirst();
    }

    /** Whether {@code name} is an aggregate function. */
    public static boolean isAggregate(String name) {
        return named(name).stream().anyMatch(KdaFunction::isAggregate);
    }

    /** Whether {@code name} is one of KDA's table functions. */
    public static boolean isTableFunction(String name) {
        return named(name).stream().anyMatch(f -> f.kind() == Kind.TABLE);
    }

    /** Every entry, operators included, in the table's order. */
    public static List<KdaFunction> entries() {
        List<KdaFunction> all = new ArrayList<>();
        BY_NAME.values().forEach(all::addAll);
        return all;
    }

    /** Every function callable by name (not the operators), for documentation and tests. */
    public static List<KdaFunction> functions() {
        List<KdaFunction> all = new ArrayList<>();
        BY_NAME.values()
                .forEach(
                        entries ->
                                entries.stream()
                                        .filter(f -> f.kind() != Kind.OPERATOR)
                                        .forEach(all::add));
        return all;
    }

    private static KdaFunction register(KdaFunction function) {
        BY_NAME.computeIfAbsent(function.name(), k -> new ArrayList<>()).add(function);
        return function;
    }

    private static KdaFunction operator(
            String name, int arity, String template, ReturnType returnType) {
        return register(
                new KdaFunction(name, Kind.OPERATOR, arity, arity, template(template), returnType));
    }

    /** An operator whose Flink form calls one of flink-kda's functions. */
    private static KdaFunction operator(
            String name,
            int arity,
            String template,
            ReturnType returnType,
            KdaFunction.Implementation implementation) {
        return register(
                new KdaFunction(
                        name,
                        Kind.OPERATOR,
                        arity,
                        arity,
                        template(template),
                        returnType,
                        Optional.of(implementation)));
    }

    private static KdaFunction.Implementation implementation(
            String flinkName, Class<? extends UserDefinedFunction> function) {
        return new KdaFunction.Implementation(flinkName, function);
    }

    private static KdaFunction like(String name) {
        return register(
                new KdaFunction(
                        name,
                        Kind.OPERATOR,
                        2,
                        3,
                        template("({0} " + name + " {1})", "({0} " + name + " {1} ESCAPE {2})"),
                        ReturnTypes.requiring("SSS", ReturnTypes.BOOLEAN)));
    }

    private static void same(String name, int min, int max, ReturnType returnType) {
        register(new KdaFunction(name, Kind.SCALAR, min, max, function(name), returnType));
    }

    private static void scalar(String name, int arity, FlinkForm form, ReturnType returnType) {
        scalar(name, arity, arity, form, returnType);
    }

    private static void scalar(
            String name, int min, int max, FlinkForm form, ReturnType returnType) {
        register(new KdaFunction(name, Kind.SCALAR, min, max, form, returnType));
    }

    /** A scalar function whose Flink form calls one of flink-kda's functions. */
    private static void scalar(
            String name,
            int arity,
            FlinkForm form,
            ReturnType returnType,
            KdaFunction.Implementation implementation) {
        scalar(name, arity, arity, form, returnType, implementation);
    }

    private static void scalar(
            String name,
            int min,
            int max,
            FlinkForm form,
            ReturnType returnType,
            KdaFunction.Implementation implementation) {
        register(
                new KdaFunction(
                        name,
                        Kind.SCALAR,
                        min,
                        max,
                        form,
                        returnType,
                        Optional.of(implementation)));
    }

    /**
     * A function the translator writes with Flink's own functions, and the SQL client's module
     * offers as {@code function}, KDA's argument order.
     */
    private static void flinkEquivalent(
            String name,
            int arity,
            FlinkForm form,
            ReturnType returnType,
            Class<? extends UserDefinedFunction> function) {
        register(
                new KdaFunction(
                        name,
                        Kind.SCALAR,
                        arity,
                        arity,
                        form,
                        returnType,
                        Optional.empty(),
                        sqlClient(name, function)));
    }

    private static Optional<KdaFunction.Implementation> sqlClient(
            String kdaName, Class<? extends UserDefinedFunction> function) {
        return Optional.of(new KdaFunction.Implementation(kdaName, function));
    }

    private static void niladic(String name, String flink, ReturnType returnType) {
        register(new KdaFunction(name, Kind.SCALAR, 0, 0, template(flink), returnType));
    }

    private static void aggregate(String name, int min, int max, ReturnType returnType) {
        register(new KdaFunction(name, Kind.AGGREGATE, min, max, function(name), returnType));
    }

    private static void analytic(String name, int min, int max, ReturnType returnType) {
        register(new KdaFunction(name, Kind.ANALYTIC, min, max, function(name), returnType));
    }

    private static void logParser(String name, int min, int max) {
        register(
                new KdaFunction(
                        name,
                        Kind.SCALAR,
                        min,
                        max,
                        function("KDA_" + name),
                        new LogParserReturnType(name),
                        implementation(name)));
    }

    /** The log parser's function class, registered as {@code KDA_<name>}. */
    private static Optional<KdaFunction.Implementation> implementation(String logParser) {
        Class<? extends UserDefinedFunction> function =
                switch (logParser) {
                    case LogParsers.REGEX_LOG_PARSE -> KdaRegexLogParse.class;
                    case LogParsers.FAST_REGEX_LOG_PARSER -> KdaFastRegexLogParser.class;
                    case LogParsers.VARIABLE_COLUMN_LOG_PARSE -> KdaVariableColumnLogParse.class;
                    case LogParsers.FIXED_COLUMN_LOG_PARSE -> KdaFixedColumnLogParse.class;
                    case LogParsers.W3C_LOG_PARSE -> KdaW3cLogParse.class;
                    default -> KdaSysLogParse.class;
                };
        return Optional.of(new KdaFunction.Implementation("KDA_" + logParser, function));
    }

    /**
     * A KDA function that flink-kda implements: called as {@code KDA_<name>(arguments)}, with KDA's
     * argument order.
     */
    private static void udf(
            String name,
            int min,
            int max,
            Class<? extends UserDefinedFunction> function,
            ReturnType returnType) {
        register(
                new KdaFunction(
                        name,
                        Kind.SCALAR,
                        min,
                        max,
                        function("KDA_" + name),
                        returnType,
                        Optional.of(new KdaFunction.Implementation("KDA_" + name, function))));
    }

    /** The flink-kda functions the Flink forms call, each once, for the runtime to register. */
    public static List<KdaFunction.Implementation> implementations() {
        Map<String, KdaFunction.Implementation> byName = new LinkedHashMap<>();
        BY_NAME.values()
                .forEach(
                        entries ->
                                entries.forEach(
                                        f ->
                                                f.implementation()
                                                        .ifPresent(
                                                                i ->
                                                                        byName.putIfAbsent(
                                                                                i.flinkName(),
                                                                                i))));
        return new ArrayList<>(byName.values());
    }
}
