package dev.flinkkda.kda.sql.plan;

import dev.flinkkda.kda.sql.analysis.AnalyzedApplication;

import java.util.List;
import java.util.Objects;

/**
 * A KDA application translated for Flink: the steps that define one view per in-application stream
 * (and helper views before them), in dependency order, and the per-statement report.
 */
public record ApplicationPlan(
        AnalyzedApplication application, List<PlanStep> steps, List<StatementReport> reports) {
    public ApplicationPlan {
        Objects.requireNonNull(application, "application");
        steps = List.copyOf(steps);
        reports = List.copyOf(reports);
    }

    /** Whether a step defines {@code view}. */
    public boolean defines(String view) {
        return steps.stream().anyMatch(s -> s.name().equals(view));
    }
}
