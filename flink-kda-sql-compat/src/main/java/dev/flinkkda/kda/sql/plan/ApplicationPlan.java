package dev.flinkkda.kda.sql.plan;

import dev.flinkkda.kda.sql.analysis.AnalyzedApplication;
import dev.flinkkda.kda.sql.analysis.AnalyzedPump;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A KDA application translated for Flink: the steps that define one view per in-application stream
 * (and helper views before them), in dependency order, and the per-statement report.
 *
 * @param helperStepPumps the pump each helper step (not a stream's view) was made for, by step name
 */
public record ApplicationPlan(
        AnalyzedApplication application,
        List<PlanStep> steps,
        List<StatementReport> reports,
        Map<String, AnalyzedPump> helperStepPumps) {
    public ApplicationPlan {
        Objects.requireNonNull(application, "application");
        steps = List.copyOf(steps);
        reports = List.copyOf(reports);
        helperStepPumps = Map.copyOf(helperStepPumps);
    }

    /** Whether a step defines {@code view}. */
    public boolean defines(String view) {
        return steps.stream().anyMatch(s -> s.name().equals(view));
    }

    /**
     * The pumps whose rows a step makes: the one a helper step was made for, or the pumps of the
     * stream a stream's view unites.
     */
    public List<AnalyzedPump> pumpsOf(String step) {
        AnalyzedPump pump = helperStepPumps.get(step);
        return pump != null ? List.of(pump) : application.pumpsInto(step);
    }
}
