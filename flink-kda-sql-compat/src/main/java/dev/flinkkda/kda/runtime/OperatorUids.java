package dev.flinkkda.kda.runtime;

import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.PartitionTransformation;
import org.apache.flink.streaming.api.transformations.SideOutputTransformation;
import org.apache.flink.streaming.api.transformations.UnionTransformation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every operator of a flink-kda job a uid, so that a savepoint maps onto the job again when
 * it is resubmitted at another parallelism or with other outputs.
 *
 * <p>Flink restores state by operator id. An operator without a uid gets an id that Flink generates
 * from its position in the job and from which neighbours it is chained to, and chaining depends on
 * the parallelism: flink-kda's inputs and some of Flink SQL's operators (a global {@code ORDER BY
 * ROWTIME}) run at parallelism 1 and chain with what follows them only when the job runs at
 * parallelism 1 too. So a savepoint of a job at parallelism 1 would not restore into the same
 * application at parallelism 4 (Flink refuses, or drops the state with {@code
 * --allowNonRestoredState}).
 *
 * <p>flink-kda's own operators carry uids named after what they are ({@code flink-kda-input-…},
 * {@code flink-kda-step-…}, {@code flink-kda-output-…}, {@code flink-kda-errors-…}). The operators
 * Flink's planner makes for the SQL get one here, {@code flink-kda-sql-<hash>}, from their
 * description (without the planner's running numbers, which differ from one translation to the next
 * in a JVM) and the uids of their inputs: the same for the same query over the same inputs,
 * whatever the parallelism and whatever else the job holds. Identical operators over identical
 * inputs are told apart by their order in the job.
 */
final class OperatorUids {

    /** The planner's running numbers: {@code Calc[12]}, {@code *anonymous_datastream_source$3*}. */
    private static final Pattern RUNNING_NUMBER = Pattern.compile("\\[\\d+]|\\$\\d+");

    private OperatorUids() {}

    /** Sets a uid on every operator of {@code env}'s job that has none. */
    static void assignMissing(StreamExecutionEnvironment env) {
        Map<Transformation<?>, String> identities = new IdentityHashMap<>();
        Set<String> assigned = new HashSet<>();
        for (Transformation<?> transformation : env.getTransformations()) {
            identity(transformation, identities, assigned);
        }
    }

    /**
     * The transformation's uid (set here when it has none), or for a transformation that is no
     * operator of its own (a partitioning, union or side output) what identifies it: its kind and
     * its inputs.
     */
    private static String identity(
            Transformation<?> transformation,
            Map<Transformation<?>, String> identities,
            Set<String> assigned) {
        String known = identities.get(transformation);
        if (known != null) {
            return known;
        }
        List<String> inputs = new ArrayList<>();
        for (Transformation<?> input : transformation.getInputs()) {
            inputs.add(identity(input, identities, assigned));
        }
        String description =
                RUNNING_NUMBER
                        .matcher(transformation.getName() + "\n" + transformation.getDescription())
                        .replaceAll("");
        String identity;
        if (transformation instanceof PartitionTransformation
                || transformation instanceof UnionTransformation
                || transformation instanceof SideOutputTransformation) {
            String tag =
                    transformation instanceof SideOutputTransformation<?> sideOutput
                            ? sideOutput.getOutputTag().getId()
                            : "";
            identity =
                    transformation.getClass().getSimpleName()
                            + " "
                            + tag
                            + " "
                            + description
                            + " "
                            + inputs;
        } else if (transformation.getUid() != null) {
            identity = transformation.getUid();
        } else {
            String hash =
                    UUID.nameUUIDFromBytes(
                                    (description + "\n" + String.join("\n", inputs))
                                            .getBytes(StandardCharsets.UTF_8))
                            .toString();
            identity = "flink-kda-sql-" + hash;
            for (int n = 2; !assigned.add(identity); n++) {
                identity = "flink-kda-sql-" + hash + "-" + n;
            }
            transformation.setUid(identity);
        }
        identities.put(transformation, identity);
        return identity;
    }
}
