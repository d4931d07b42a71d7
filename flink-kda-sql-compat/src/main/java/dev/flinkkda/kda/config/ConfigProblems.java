package dev.flinkkda.kda.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found while reading one configuration file, collected so that all of them are
 * reported at once rather than one per run.
 */
final class ConfigProblems {

    private final String file;
    private final List<String> problems = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();

    ConfigProblems(String file) {
        this.file = file;
    }

    /** The file name messages start with. */
    String file() {
        return file;
    }

    /** Adds {@code FILE: PATH: problem}. */
    void add(String jsonPath, String problem) {
        problems.add(file + ": " + jsonPath + ": " + problem);
        paths.add(jsonPath);
    }

    /**
     * Adds a value's absence unless a problem inside it explains it (a CloudFormation function that
     * could not be evaluated leaves its property out).
     */
    void addAbsence(String jsonPath, String problem) {
        for (String path : paths) {
            if (path.equals(jsonPath)
                    || path.startsWith(jsonPath + ".")
                    || path.startsWith(jsonPath + "[")) {
                return;
            }
        }
        add(jsonPath, problem);
    }

    /** Throws every problem found, if any. */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw ConfigException.of(problems);
        }
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }
}
