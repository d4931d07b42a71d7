package dev.flinkkda.kda.runtime;

import dev.flinkkda.kda.sql.analysis.AnalyzedPump;
import dev.flinkkda.kda.sql.analysis.KdaSemanticException;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.plan.ApplicationPlan;

import java.util.List;

/**
 * Flink's planner rejects a translation, where the job is built ({@code run}) or planned ({@code
 * validate}): {@code app.sql:9:1: CREATE PUMP "STREAM_PUMP": Flink's planner rejects its
 * translation: …}, at the pump whose rows the rejected step makes. The analyser is meant to reject
 * first whatever Flink would; this names the pump when it did not.
 */
public final class TranslationRejectedException extends KdaSemanticException {

    private static final long serialVersionUID = 1L;

    private TranslationRejectedException(
            String sourceName, SourcePosition position, String reason, Throwable cause) {
        super(sourceName, position, reason);
        initCause(cause);
    }

    /**
     * @param step the plan's step (view) Flink's planner rejected
     * @throws VirtualMachineError {@code cause} itself when it is one (but a stack overflow)
     */
    static TranslationRejectedException of(ApplicationPlan plan, String step, Throwable cause) {
        if (cause instanceof VirtualMachineError error && !(cause instanceof StackOverflowError)) {
            throw error;
        }
        List<AnalyzedPump> pumps = plan.pumpsOf(step);
        String flink =
                cause.getMessage() == null
                        ? cause.getClass().getSimpleName()
                        : cause.getMessage().lines().findFirst().orElse("");
        String what =
                pumps.isEmpty()
                        ? "the view " + step
                        : "CREATE PUMP "
                                + String.join(
                                        ", ",
                                        pumps.stream().map(p -> "\"" + p.name() + "\"").toList());
        return new TranslationRejectedException(
                plan.application().sourceName(),
                pumps.isEmpty() ? new SourcePosition(1, 1) : pumps.get(0).pump().position(),
                what + ": Flink's planner rejects its translation: " + flink,
                cause);
    }
}
