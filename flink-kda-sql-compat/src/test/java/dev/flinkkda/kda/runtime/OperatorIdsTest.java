package dev.flinkkda.kda.runtime;

import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.RunOptions;
import dev.flinkkda.kda.options.StreamLocation;

import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flink restores a savepoint's state into the operators of the new job that have the same operator
 * ids, and refuses (without {@code --allowNonRestoredState}) when state has no operator to go to.
 * So the job that {@code flink-kda run} builds must give each operator the same id every time the
 * same application is submitted, also at another {@code --parallelism}: stopping with a savepoint
 * and resuming at a higher parallelism is how a running application is scaled out.
 *
 * <p>The ids are read from the job graph, without running it: Kinesis input and output (the setting
 * of a long-running application; nothing is contacted until the job runs) and file output.
 */
class OperatorIdsTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final String KINESIS = "?endpoint=http://127.0.0.1:9&region=us-east-1";

    /**
     * Examples with every kind of operator flink-kda adds (stagger and per-event windows, table
     * functions, error checks) and Flink SQL's windows and {@code ORDER BY ROWTIME}.
     */
    static List<String> examples() {
        return List.of(
                "seed-001-stagger",
                "seed-001-step",
                "windowed-aggregation-weather",
                "top-k-items",
                "distinct-count",
                "anomaly-detection",
                "hotspots",
                "log-parsing");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyOperatorHasAUidThatTheSameApplicationRepeats(String example) throws Exception {
        BuiltJob first = build(example, 2, kinesisOutput());
        assertThat(first.operatorsWithoutUid()).isEmpty();
        assertThat(build(example, 2, kinesisOutput()).operatorIds().keySet())
                .isEqualTo(first.operatorIds().keySet());
    }

    /**
     * Kinesis in and out at parallelism 1 and 4: every operator keeps its id. Without uids, the
     * operators after those that run at parallelism 1 (the inputs, a global {@code ORDER BY
     * ROWTIME}, a {@code RANGE} window without {@code PARTITION BY}, the client's collect sink of
     * the error messages, which keeps state) changed ids with the parallelism, as they chain with
     * them at parallelism 1 and not at 4: Flink refused to resume such a savepoint at another
     * parallelism.
     */
    @ParameterizedTest
    @MethodSource("examples")
    void operatorIdsDoNotDependOnTheParallelism(String example) throws Exception {
        assertSameIds(
                build(example, 1, kinesisOutput()).operatorIds(),
                build(example, 4, kinesisOutput()).operatorIds());
    }

    /**
     * {@code flink-kda run} at parallelism 1 makes the exchanges into DataStream operators forward
     * ({@link LocalExchanges}): every operator keeps the id it has at parallelism 4, so a
     * checkpoint of either restores into the other.
     */
    @ParameterizedTest
    @MethodSource("examples")
    void localExchangesKeepTheOperatorIds(String example) throws Exception {
        assertSameIds(
                build(example, 4, kinesisOutput()).operatorIds(),
                build(example, 1, kinesisOutput(), true).operatorIds());
    }

    /**
     * Stagger windows and {@code RANDOM_CUT_FOREST} chain with their input, in the input's task.
     * (Here the input is Kinesis, a legacy source, behind which Flink does not chain a sink's
     * writer: the task count stays; a file input's whole job is one task.)
     */
    @ParameterizedTest
    @CsvSource({"seed-001-stagger, StaggerWindows", "anomaly-detection, RANDOM_CUT_FOREST"})
    void localExchangesChainFlinkKdaOperatorsWithTheirInput(String example, String operator)
            throws Exception {
        assertThat(inputTask(build(example, 1, kinesisOutput(), true))).contains(operator);
        assertThat(inputTask(build(example, 1, kinesisOutput()))).doesNotContain(operator);
    }

    /** The name of the task that reads the input: the names of the operators chained in it. */
    private static String inputTask(BuiltJob job) {
        return job.operatorIds().values().stream()
                .filter(task -> task.startsWith("Source: SOURCE_SQL_STREAM_001"))
                .findFirst()
                .orElseThrow();
    }

    /** A file output runs at parallelism 1 behind the formatting at the job's parallelism. */
    @ParameterizedTest
    @ValueSource(strings = {"seed-001-stagger", "seed-001-step", "top-k-items"})
    void operatorIdsWithAFileOutputDoNotDependOnTheParallelism(String example) throws Exception {
        List<String> output = List.of("--output", "/tmp/flink-kda-operator-ids-unused.jsonl");
        assertSameIds(
                build(example, 1, output).operatorIds(), build(example, 4, output).operatorIds());
    }

    /**
     * Resumed with {@code error_stream} sent to a stream of its own (instead of the messages to the
     * client): every operator of the first job keeps its uid, except those that sent the messages
     * to the client.
     */
    @ParameterizedTest
    @ValueSource(strings = {"seed-001-stagger", "seed-001-step", "anomaly-detection"})
    void anotherOutputKeepsTheUidsOfTheOtherOperators(String example) throws Exception {
        BuiltJob first = build(example, 1, kinesisOutput());
        List<String> outputs = new ArrayList<>(kinesisOutput());
        outputs.addAll(List.of("--output", "error_stream=kinesis:errors" + KINESIS));
        BuiltJob second = build(example, 1, outputs);
        Set<String> kept = new TreeSet<>(first.uids());
        kept.removeIf(uid -> uid.startsWith("flink-kda-errors-messages"));
        assertThat(first.uids()).contains("flink-kda-errors-messages-collect");
        assertThat(second.uids()).containsAll(kept);
    }

    private static void assertSameIds(Map<String, String> expected, Map<String, String> actual) {
        Map<String, String> missing = new TreeMap<>(expected);
        missing.keySet().removeAll(actual.keySet());
        Map<String, String> added = new TreeMap<>(actual);
        added.keySet().removeAll(expected.keySet());
        assertThat(actual.keySet())
                .as("operator ids only in the first job %s, only in the second %s", missing, added)
                .isEqualTo(expected.keySet());
    }

    private static List<String> kinesisOutput() {
        return List.of("--output", "kinesis:out" + KINESIS);
    }

    /**
     * A job as flink-kda builds it.
     *
     * @param uids the uids of its operators
     * @param operatorsWithoutUid the names of its operators without one
     * @param operatorIds its operator ids, each with the name of the task it runs in
     */
    private record BuiltJob(
            Set<String> uids, List<String> operatorsWithoutUid, Map<String, String> operatorIds) {}

    /** The example's job with a Kinesis input at {@code parallelism}, writing {@code output}. */
    private static BuiltJob build(String example, int parallelism, List<String> output)
            throws Exception {
        return build(example, parallelism, output, false);
    }

    /**
     * @param localExchanges whether the exchanges are made forward as {@code flink-kda run} does at
     *     parallelism 1
     */
    private static BuiltJob build(
            String example, int parallelism, List<String> output, boolean localExchanges)
            throws Exception {
        Path folder = EXAMPLES.resolve(example);
        List<String> args =
                new ArrayList<>(
                        List.of(
                                folder.resolve("app.sql").toString(),
                                "--input",
                                "kinesis:in" + KINESIS + "&start=TRIM_HORIZON",
                                "--schema",
                                "@" + folder.resolve("schema.txt"),
                                "--rowtime",
                                "field:ROWTIME",
                                "--parallelism",
                                Integer.toString(parallelism)));
        args.addAll(output);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KdaApplicationJob.build(
                RunOptions.parse(args.toArray(new String[0])),
                env,
                new OutputSpec(RunOptions.DEFAULT_OUTPUT_STREAM, new StreamLocation.Stdout()));
        StreamGraph streamGraph = env.getStreamGraph();
        if (localExchanges) {
            assertThat(LocalExchanges.allAtParallelismOne(streamGraph)).isTrue();
            LocalExchanges.forwardAtParallelismOne(streamGraph);
        }
        Set<String> uids = new TreeSet<>();
        List<String> withoutUid = new ArrayList<>();
        for (StreamNode node : streamGraph.getStreamNodes()) {
            if (node.getTransformationUID() == null) {
                withoutUid.add(node.getOperatorName());
            } else {
                uids.add(node.getTransformationUID());
            }
        }
        JobGraph jobGraph = streamGraph.getJobGraph();
        Map<String, String> ids = new TreeMap<>();
        for (JobVertex vertex : jobGraph.getVertices()) {
            for (OperatorIDPair operator : vertex.getOperatorIDs()) {
                ids.put(operator.getGeneratedOperatorID().toString(), vertex.getName());
            }
        }
        return new BuiltJob(uids, withoutUid, ids);
    }
}
