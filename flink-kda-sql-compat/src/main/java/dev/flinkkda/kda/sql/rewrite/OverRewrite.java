package dev.flinkkda.kda.sql.rewrite;

import dev.flinkkda.kda.sql.analysis.AnalyzedPump;
import dev.flinkkda.kda.sql.analysis.Expressions;
import dev.flinkkda.kda.sql.ast.FunctionCall;
import dev.flinkkda.kda.sql.ast.NamedWindow;
import dev.flinkkda.kda.sql.ast.SelectExpression;
import dev.flinkkda.kda.sql.ast.WindowReference;
import dev.flinkkda.kda.sql.ast.WindowSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups the analytic calls ({@code AGG(x) OVER w}) of a pump by window — a named window and the
 * same window written inline are one — in the order the windows first appear.
 */
public final class OverRewrite {

    private OverRewrite() {}

    public static List<OverLevel> levels(AnalyzedPump pump) {
        Map<String, WindowSpec> named = new LinkedHashMap<>();
        for (NamedWindow window : pump.select().windows()) {
            named.put(window.name().name(), window.specification());
        }
        Map<String, WindowSpec> windows = new LinkedHashMap<>();
        Map<String, Map<String, OverLevel.Call>> calls = new LinkedHashMap<>();
        for (SelectExpression item : pump.items()) {
            Expressions.forEach(
                    item.expression(),
                    e -> {
                        if (e instanceof FunctionCall call && call.over().isPresent()) {
                            WindowSpec spec =
                                    call.over().get() instanceof WindowReference reference
                                            ? named.get(reference.name().name())
                                            : (WindowSpec) call.over().get();
                            String windowKey = ExpressionKeys.of(spec, pump);
                            windows.putIfAbsent(windowKey, spec);
                            String callKey = ExpressionKeys.of(call, pump);
                            calls.computeIfAbsent(windowKey, k -> new LinkedHashMap<>())
                                    .putIfAbsent(callKey, new OverLevel.Call(callKey, call));
                        }
                    });
        }
        List<OverLevel> levels = new ArrayList<>();
        windows.forEach(
                (key, spec) ->
                        levels.add(new OverLevel(spec, new ArrayList<>(calls.get(key).values()))));
        return levels;
    }
}
