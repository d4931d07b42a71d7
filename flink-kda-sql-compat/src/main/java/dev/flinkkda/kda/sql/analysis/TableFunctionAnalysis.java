package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.analytics.hotspots.HotspotsSettings;
import dev.flinkkda.analytics.rcf.RandomCutForestSettings;
import dev.flinkkda.analytics.sketches.SketchSettings;
import dev.flinkkda.kda.sql.ast.BooleanLiteral;
import dev.flinkkda.kda.sql.ast.CursorExpression;
import dev.flinkkda.kda.sql.ast.Expression;
import dev.flinkkda.kda.sql.ast.NumericLiteral;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.StringLiteral;
import dev.flinkkda.kda.sql.ast.TableFunctionRelation;
import dev.flinkkda.kda.sql.ast.UnaryOperation;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The analysis of a call of one of KDA's table functions in {@code FROM}: its parameters checked
 * against KDA's ranges (SQL reference, each function's page) at their line and column, the cursor's
 * columns it reads, and the columns it adds.
 */
final class TableFunctionAnalysis {

    /** The types Random Cut Forest and HOTSPOTS read (SR: not DECIMAL). */
    private static final Set<LogicalTypeRoot> NUMERIC =
            Set.of(
                    LogicalTypeRoot.TINYINT,
                    LogicalTypeRoot.SMALLINT,
                    LogicalTypeRoot.INTEGER,
                    LogicalTypeRoot.BIGINT,
                    LogicalTypeRoot.FLOAT,
                    LogicalTypeRoot.DOUBLE);

    private final String sourceName;
    private final TableFunctionRelation call;
    private final String function;

    TableFunctionAnalysis(String sourceName, TableFunctionRelation call) {
        this.sourceName = sourceName;
        this.call = call;
        this.function = call.function().name().toUpperCase(Locale.ROOT);
    }

    /** The cursor's query: the first argument, {@code CURSOR(SELECT STREAM …)}. */
    CursorExpression cursor() {
        if (call.arguments().isEmpty()
                || !(call.arguments().get(0) instanceof CursorExpression cursor)) {
            throw error(
                    call.position(),
                    function + "'s first argument is its input: CURSOR(SELECT STREAM … FROM …)");
        }
        return cursor;
    }

    /** The analysed call over a cursor with {@code columns} (ROWTIME last). */
    TableFunctionCall analyze(List<RelationColumn> columns) {
        List<Expression> parameters = call.arguments().subList(1, call.arguments().size());
        switch (function) {
            case "RANDOM_CUT_FOREST":
            case "RANDOM_CUT_FOREST_WITH_EXPLANATION":
                {
                    boolean explanation = function.endsWith("EXPLANATION");
                    List<String> names =
                            List.of(
                                    "numberOfTrees",
                                    "subSampleSize",
                                    "timeDecay",
                                    "shingleSize",
                                    "withDirectionality");
                    int most = explanation ? 5 : 4;
                    if (parameters.size() > most) {
                        throw error(
                                parameters.get(most).position(),
                                function
                                        + " takes at most "
                                        + most
                                        + " parameters after the cursor");
                    }
                    RandomCutForestSettings defaults = RandomCutForestSettings.defaults();
                    int trees = integer(parameters, 0, names.get(0), defaults.numberOfTrees());
                    int sample = integer(parameters, 1, names.get(1), defaults.subSampleSize());
                    int decay = integer(parameters, 2, names.get(2), defaults.timeDecay());
                    int shingle = integer(parameters, 3, names.get(3), defaults.shingleSize());
                    boolean directionality = explanation && bool(parameters, 4, names.get(4));
                    RandomCutForestSettings settings =
                            settings(
                                    parameters,
                                    names,
                                    () ->
                                            RandomCutForestSettings.of(
                                                            trees, sample, decay, shingle)
                                                    .withDirectionality(directionality));
                    return new TableFunctionCall.RandomCutForest(
                            settings,
                            explanation,
                            numericColumns(columns, RandomCutForestSettings.MAX_NUMERIC_COLUMNS));
                }
            case "HOTSPOTS":
                {
                    requireCount(
                            parameters,
                            3,
                            "windowSize, scanRadius, minimumNumberOfPointsInAHotspot");
                    List<String> names =
                            List.of("windowSize", "scanRadius", "minimumNumberOfPointsInAHotspot");
                    int window = integer(parameters, 0, names.get(0), 0);
                    double radius = number(parameters.get(1), names.get(1)).doubleValue();
                    int minimum = integer(parameters, 2, names.get(2), 0);
                    HotspotsSettings settings =
                            settings(
                                    parameters,
                                    names,
                                    () -> HotspotsSettings.of(window, radius, minimum));
                    return new TableFunctionCall.Hotspots(
                            settings, numericColumns(columns, Integer.MAX_VALUE));
                }
            case "TOP_K_ITEMS_TUMBLING":
                {
                    requireCount(parameters, 3, "'columnName', K, windowSize");
                    String column = column(parameters.get(0), columns);
                    List<String> names = List.of("columnName", "K", "windowSize");
                    int k = integer(parameters, 1, names.get(1), 0);
                    int window = integer(parameters, 2, names.get(2), 0);
                    settings(
                            parameters,
                            names,
                            () -> {
                                SketchSettings.checkK(k);
                                return SketchSettings.windowSize(window);
                            });
                    return new TableFunctionCall.TopKItems(column, k, window);
                }
            default:
                {
                    requireCount(parameters, 2, "'columnName', windowSize");
                    String column = column(parameters.get(0), columns);
                    List<String> names = List.of("columnName", "windowSize");
                    int window = integer(parameters, 1, names.get(1), 0);
                    settings(parameters, names, () -> SketchSettings.windowSize(window));
                    return new TableFunctionCall.DistinctCount(column, window);
                }
        }
    }

    private void requireCount(List<Expression> parameters, int count, String names) {
        if (parameters.size() != count) {
            throw error(
                    call.position(),
                    function
                            + " takes the cursor and "
                            + count
                            + " parameters ("
                            + names
                            + "), not "
                            + parameters.size());
        }
    }

    /** The {@code index}-th parameter, a whole number; absent: {@code dflt}. */
    private int integer(List<Expression> parameters, int index, String name, int dflt) {
        if (index >= parameters.size()) {
            return dflt;
        }
        Expression parameter = parameters.get(index);
        BigDecimal value = number(parameter, name);
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw error(
                    parameter.position(),
                    function
                            + ": "
                            + name
                            + " must be a whole number, not "
                            + value.toPlainString());
        }
    }

    /** The {@code index}-th parameter, a whole number in {@code [min, max]}. */
    private int integer(List<Expression> parameters, int index, String name, int min, int max) {
        int value = integer(parameters, index, name, min);
        if (value < min || value > max) {
            throw error(
                    parameters.get(index).position(),
                    function
                            + ": "
                            + name
                            + " must be between "
                            + min
                            + " and "
                            + max
                            + ", not "
                            + value);
        }
        return value;
    }

    /**
     * The function's settings, whose constructor checks KDA's ranges; its error is reported at the
     * parameter it names.
     */
    private <S> S settings(List<Expression> parameters, List<String> names, Supplier<S> settings) {
        try {
            return settings.get();
        } catch (IllegalArgumentException e) {
            SourcePosition position = call.position();
            for (int i = 0; i < names.size() && i < parameters.size(); i++) {
                if (e.getMessage().contains(names.get(i))) {
                    position = parameters.get(i).position();
                    break;
                }
            }
            throw error(position, function + ": " + e.getMessage());
        }
    }

    private BigDecimal number(Expression parameter, String name) {
        if (parameter instanceof NumericLiteral n) {
            return n.value();
        }
        if (parameter instanceof UnaryOperation u
                && u.operator() == UnaryOperation.Operator.MINUS
                && u.operand() instanceof NumericLiteral n) {
            return n.value().negate();
        }
        throw error(parameter.position(), function + ": " + name + " must be a number constant");
    }

    private boolean bool(List<Expression> parameters, int index, String name) {
        if (index >= parameters.size()) {
            return false;
        }
        if (parameters.get(index) instanceof BooleanLiteral b) {
            return b.value();
        }
        throw error(
                parameters.get(index).position(),
                function + ": " + name + " must be TRUE or FALSE");
    }

    /** {@code 'columnName'}: a column of the cursor, named as a string (SR). */
    private String column(Expression parameter, List<RelationColumn> columns) {
        if (!(parameter instanceof StringLiteral literal)) {
            throw error(
                    parameter.position(),
                    function + ": the column is named in quotes, e.g. 'TICKER_SYMBOL'");
        }
        List<String> names = new ArrayList<>();
        for (RelationColumn column : columns) {
            if (!column.name().equals(StreamDefinition.ROWTIME)) {
                names.add(column.name());
            }
        }
        if (!names.contains(literal.value())) {
            throw error(
                    parameter.position(),
                    function
                            + ": the cursor has no column '"
                            + literal.value()
                            + "'; its columns: "
                            + String.join(", ", names)
                            + NearestName.hint(literal.value(), names));
        }
        return literal.value();
    }

    /** The cursor's numeric columns, at least one and at most {@code most}. */
    private List<String> numericColumns(List<RelationColumn> columns, int most) {
        List<String> numeric = new ArrayList<>();
        for (RelationColumn column : columns) {
            LogicalType type = column.type().getLogicalType();
            if (!column.name().equals(StreamDefinition.ROWTIME)
                    && NUMERIC.contains(type.getTypeRoot())) {
                numeric.add(column.name());
            }
        }
        if (numeric.isEmpty() || numeric.size() > most) {
            throw error(
                    cursor().position(),
                    function
                            + " scores the cursor's numeric columns (TINYINT, SMALLINT, INTEGER,"
                            + " BIGINT, REAL, DOUBLE; not DECIMAL): "
                            + (numeric.isEmpty()
                                    ? "it has none"
                                    : "it has " + numeric.size() + ", at most " + most));
        }
        return numeric;
    }

    /**
     * The columns the function's rows have, ROWTIME last: the cursor's and the function's own for
     * the row-by-row functions; the item and its count, or the number of distinct items, per window
     * (AWS's examples and migration guide: {@code ITEM}, {@code ITEM_COUNT}; {@code
     * NUMBER_OF_DISTINCT_ITEMS}).
     */
    static List<RelationColumn> outputColumns(
            TableFunctionCall call, List<RelationColumn> cursorColumns) {
        List<RelationColumn> columns = new ArrayList<>();
        if (call instanceof TableFunctionCall.TopKItems top) {
            RelationColumn item =
                    cursorColumns.stream()
                            .filter(c -> c.name().equals(top.column()))
                            .findFirst()
                            .orElseThrow();
            columns.add(new RelationColumn("ITEM", item.type()));
            columns.add(new RelationColumn("ITEM_COUNT", DataTypes.BIGINT()));
        } else if (call instanceof TableFunctionCall.DistinctCount) {
            columns.add(new RelationColumn("NUMBER_OF_DISTINCT_ITEMS", DataTypes.BIGINT()));
        } else {
            for (RelationColumn column : cursorColumns) {
                if (!column.name().equals(StreamDefinition.ROWTIME)) {
                    columns.add(column);
                }
            }
            if (call instanceof TableFunctionCall.RandomCutForest forest) {
                columns.add(new RelationColumn("ANOMALY_SCORE", DataTypes.DOUBLE()));
                if (forest.explanation()) {
                    columns.add(new RelationColumn("ANOMALY_EXPLANATION", DataTypes.STRING()));
                }
            } else {
                columns.add(new RelationColumn("HOTSPOTS_RESULT", DataTypes.STRING()));
            }
        }
        columns.add(new RelationColumn(StreamDefinition.ROWTIME, DataTypes.TIMESTAMP(3)));
        return columns;
    }

    private KdaSemanticException error(SourcePosition position, String message) {
        return new KdaSemanticException(sourceName, position, message);
    }
}
