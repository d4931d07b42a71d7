package dev.flinkkda.windows.testing;

import org.apache.flink.api.java.tuple.Tuple3;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run of a {@link WindowPipeline} gave: the fired windows in firing order and the late side
 * output. A run that fails and is restored in a new pipeline is the sum of the runs before and
 * after the restore, to compare with the run without the failure.
 */
public record PipelineOutcome(List<WindowResult> results, List<Tuple3<String, Long, Long>> late) {

    public PipelineOutcome {
        results = List.copyOf(results);
        late = List.copyOf(late);
    }

    /** Feeds {@code inputs} to {@code pipeline}, in order: all it has given since it started. */
    public static PipelineOutcome run(WindowPipeline pipeline, WindowPipeline.Input... inputs)
            throws Exception {
        for (WindowPipeline.Input input : inputs) {
            input.feed(pipeline);
        }
        return new PipelineOutcome(pipeline.results(), pipeline.late());
    }

    /** This run followed by {@code later}'s. */
    public PipelineOutcome plus(PipelineOutcome later) {
        List<WindowResult> allResults = new ArrayList<>(results);
        allResults.addAll(later.results);
        List<Tuple3<String, Long, Long>> allLate = new ArrayList<>(late);
        allLate.addAll(later.late);
        return new PipelineOutcome(allResults, allLate);
    }
}
