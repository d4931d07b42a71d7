package dev.flinkkda.kda.options;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code --checkpoint-dir DIR} or {@code --resume DIR}, with {@code --checkpoint-interval}: a run
 * whose job checkpoints into {@code DIR}, so that it can be resumed where it was killed.
 *
 * @param directory where the checkpoints and the run's record go
 * @param interval how often the job checkpoints
 * @param resume whether the run goes on from the latest checkpoint in {@code directory}
 * @param runArguments the arguments of {@code run} without the checkpoint options: what a resumed
 *     run must be given again (or is given from the record)
 */
public record CheckpointOptions(
        Path directory, Duration interval, boolean resume, List<String> runArguments) {

    /** How often the job checkpoints unless {@code --checkpoint-interval} says otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    /** The shortest interval Flink accepts. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    /** The options that set where and how often a run checkpoints, not what it computes. */
    static final List<String> OPTIONS =
            List.of("--checkpoint-dir", "--resume", "--checkpoint-interval");

    public CheckpointOptions {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(interval, "interval");
        runArguments = List.copyOf(runArguments);
    }

    /**
     * The arguments of {@code run} without the checkpoint options and their values (given as {@code
     * --option VALUE} or {@code --option=VALUE}).
     */
    public static List<String> withoutCheckpointOptions(List<String> args) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String option = eq < 0 ? arg : arg.substring(0, eq);
            if (OPTIONS.contains(option)) {
                if (eq < 0) {
                    i++; // its value
                }
                continue;
            }
            rest.add(arg);
        }
        return rest;
    }

    /** The value of {@code --resume} among {@code args}, if given. */
    public static Optional<Path> resumeDirectory(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--resume") && i + 1 < args.size()) {
                return Optional.of(Path.of(args.get(i + 1)));
            }
            if (arg.startsWith("--resume=")) {
                return Optional.of(Path.of(arg.substring("--resume=".length())));
            }
        }
        return Optional.empty();
    }
}
