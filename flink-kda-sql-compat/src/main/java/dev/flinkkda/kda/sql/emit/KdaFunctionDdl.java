package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.sql.functions.KdaFunction;
import dev.flinkkda.kda.sql.functions.KdaFunctionTable;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static dev.flinkkda.kda.sql.emit.FlinkSqlEmitter.string;

/**
 * How a script makes flink-kda's {@code KDA_*} functions callable: one {@code CREATE TEMPORARY
 * SYSTEM FUNCTION} per function its statements call, the class from the jar {@code ADD JAR} adds.
 * The one place to change when {@code LOAD MODULE kda} (issue 15) offers them all at once.
 */
final class KdaFunctionDdl {

    private KdaFunctionDdl() {}

    /** The functions {@code sql} calls ({@code KDA_NAME(}), in the function table's order. */
    static List<KdaFunction.Implementation> calledIn(String sql) {
        List<KdaFunction.Implementation> called = new ArrayList<>();
        for (KdaFunction.Implementation function : KdaFunctionTable.implementations()) {
            if (Pattern.compile("\\b" + Pattern.quote(function.flinkName()) + "\\(")
                    .matcher(sql)
                    .find()) {
                called.add(function);
            }
        }
        return called;
    }

    /** The statements that register {@code functions}. */
    static String render(List<KdaFunction.Implementation> functions) {
        StringBuilder sql = new StringBuilder();
        for (KdaFunction.Implementation function : functions) {
            sql.append("CREATE TEMPORARY SYSTEM FUNCTION ")
                    .append(function.flinkName())
                    .append(" AS ")
                    .append(string(function.function().getName()))
                    .append(" LANGUAGE JAVA;\n");
        }
        return sql.toString();
    }
}
