package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.module.KdaModuleFactory;
import dev.flinkkda.kda.sql.functions.KdaFunction;
import dev.flinkkda.kda.sql.functions.KdaFunctionTable;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a script makes flink-kda's {@code KDA_*} functions callable: {@code LOAD MODULE kda;} (the
 * module from the jar {@code ADD JAR} adds), once, when its statements call any of them.
 *
 * <p>{@code LOAD MODULE} appends the module after {@code core}, so Flink's own functions keep their
 * meaning in the translated SQL ({@code UNIX_TIMESTAMP} is Flink's seconds); the translator calls
 * flink-kda's functions only by their {@code KDA_*} names, which no other module has.
 */
final class KdaFunctionDdl {

    /** The module's name, its factory's identifier (in the flink-kda jar's service file). */
    static final String MODULE = KdaModuleFactory.IDENTIFIER;

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

    /**
     * The statement that makes {@code functions} callable: {@code LOAD MODULE kda;}, or nothing
     * when there are none (a script that calls no flink-kda function needs no module).
     */
    static String render(List<KdaFunction.Implementation> functions) {
        return functions.isEmpty() ? "" : "LOAD MODULE " + MODULE + ";\n";
    }
}
