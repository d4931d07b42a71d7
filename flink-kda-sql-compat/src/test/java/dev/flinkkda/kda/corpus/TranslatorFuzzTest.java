package dev.flinkkda.kda.corpus;

import dev.flinkkda.kda.runtime.PlanCheck;
import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.sql.KdaTranslator;
import dev.flinkkda.kda.sql.analysis.KdaSemanticException;
import dev.flinkkda.kda.sql.emit.FlinkSqlScript;
import dev.flinkkda.kda.sql.parser.KdaSqlLexer;
import dev.flinkkda.kda.sql.parser.KdaSqlParser;
import dev.flinkkda.kda.sql.parser.KdaSqlSyntaxException;
import dev.flinkkda.kda.sql.parser.NotUtf8Exception;
import dev.flinkkda.kda.sql.parser.Utf8Text;
import dev.flinkkda.kda.sql.plan.ApplicationPlan;
import dev.flinkkda.kda.sql.plan.StatementReport;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile applications made by mutating real ones — the corpus and the examples: tokens deleted,
 * duplicated, swapped and replaced, characters inserted (quotes, parentheses, control characters,
 * non-BMP letters), the text cut short, expressions nested deep, literals and names made
 * impossible, bytes that are not UTF-8. Each goes through the translator as {@code validate} does
 * (decode, parse, analyse, plan, emit) and must end in a translation or in a KDA SQL error naming
 * {@code line:column} — never in another throwable, and within {@link #CASE_TIMEOUT_SECONDS}. Then
 * Flink's planner plans a sample of the mutants that translated, as {@code validate} goes on to do:
 * it must accept what the translator accepted.
 *
 * <p>Deterministic: the seed is printed, and {@code -Dkda.fuzz.seed=N} (with {@code
 * -Dkda.fuzz.cases=N}, {@code -Dkda.fuzz.planned=N} and {@code -Dkda.fuzz.planSeconds=S} for a
 * longer search) runs another sequence. A failure prints the mutated application (Java escapes for
 * control characters) with its seed and case number.
 */
class TranslatorFuzzTest {

    private static final long DEFAULT_SEED = 0x13_2026_1206L;
    private static final int DEFAULT_CASES = 10_000;
    private static final long CASE_TIMEOUT_SECONDS = 2;

    /** Mutants planned by Flink, at most, and the time they may take together. */
    private static final int PLANNED_MAX = Integer.getInteger("kda.fuzz.planned", 300);

    private static final long PLANNING_BUDGET_NANOS =
            TimeUnit.SECONDS.toNanos(Long.getLong("kda.fuzz.planSeconds", 20));

    /** The smallest stack a JVM thread gets by default on the platforms Flink runs on. */
    private static final long STACK_BYTES = 512 * 1024;

    private static final String SOURCE = "app.sql";
    private static final Pattern LINE_COLUMN = Pattern.compile("^app\\.sql:\\d+:\\d+: \\S");
    private static final Pattern NOT_UTF8 =
            Pattern.compile("^app\\.sql: not UTF-8 at byte \\d+ \\(line \\d+, column \\d+\\)$");

    private static final Path CORPUS = Path.of("src/test/resources/kda-corpus");
    private static final Path EXAMPLES = Path.of("..", "examples");

    /** An application to mutate, with the schemas of its inputs and reference tables. */
    record Seed(
            String name,
            String sql,
            Map<String, KdaSchema> inputs,
            Map<String, KdaSchema> references) {}

    /** What became of one mutant. */
    enum Outcome {
        TRANSLATED,
        SYNTAX_ERROR,
        SEMANTIC_ERROR,
        NOT_UTF8
    }

    /** A mutant whose outcome is not allowed, with what happened. */
    record Failure(int index, String sql, String what, String trace) {}

    @Test
    void mutatedApplicationsTranslateOrFailAtALineAndColumn() throws Exception {
        long seed = Long.getLong("kda.fuzz.seed", DEFAULT_SEED);
        int cases = Integer.getInteger("kda.fuzz.cases", DEFAULT_CASES);
        List<Seed> seeds = seeds();
        assertThat(seeds).hasSizeGreaterThan(40);
        Mutator mutator = new Mutator(seeds);

        Map<Outcome, Integer> outcomes = new TreeMap<>();
        Map<String, Failure> failures = new LinkedHashMap<>(); // the first of each kind
        List<Mutant> translated = new ArrayList<>();
        Set<String> translatedSeen = new LinkedHashSet<>();
        long started = System.nanoTime();
        ExecutorService worker = newWorker();
        try {
            for (int i = 0; i < cases; i++) {
                Mutant mutant = mutator.mutant(seed, i);
                Future<Outcome> future = worker.submit(() -> translate(mutant));
                try {
                    Outcome outcome = future.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    outcomes.merge(outcome, 1, Integer::sum);
                    if (outcome == Outcome.TRANSLATED
                            && translatedSeen.add(mutant.text())
                            && translatedSeen.size() <= 4 * PLANNED_MAX) {
                        translated.add(mutant);
                    }
                } catch (TimeoutException e) {
                    future.cancel(true);
                    worker.shutdownNow(); // its thread may never come back
                    worker = newWorker();
                    failures.putIfAbsent(
                            "hang " + i,
                            new Failure(
                                    i,
                                    mutant.text(),
                                    "no outcome after " + CASE_TIMEOUT_SECONDS + " s",
                                    ""));
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    failures.putIfAbsent(kind(cause), failure(i, mutant, cause));
                }
                if (failures.size() >= 20) {
                    break;
                }
            }
        } finally {
            worker.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "TranslatorFuzzTest: seed %d, %d mutants of %d applications in %.1f s: %s%n",
                seed,
                outcomes.values().stream().mapToInt(Integer::intValue).sum(),
                seeds.size(),
                seconds,
                outcomes);
        failures.values().forEach(f -> System.out.println(describe(seed, f)));
        assertThat(failures.values().stream().map(f -> describe(seed, f)).toList())
                .as("mutants that end in neither a translation nor a KDA SQL error at line:column")
                .isEmpty();
        assertThat(outcomes.getOrDefault(Outcome.TRANSLATED, 0))
                .as("mutants that still translate")
                .isGreaterThan(cases / 20);

        planInFlink(seed, translated);
    }

    /**
     * What {@code validate} does next: Flink's planner plans the translation. It must not reject
     * what the translator accepted (the analyser rejects; the planner and the emitter never do).
     */
    private static void planInFlink(long seed, List<Mutant> translated) {
        Random order = new Random(seed);
        List<Mutant> sample = new ArrayList<>(translated);
        java.util.Collections.shuffle(sample, order);
        List<String> rejected = new ArrayList<>();
        long started = System.nanoTime();
        int planned = 0;
        for (Mutant mutant : sample) {
            if (planned >= PLANNED_MAX || System.nanoTime() - started > PLANNING_BUDGET_NANOS) {
                break;
            }
            Seed app = mutant.seed();
            ApplicationPlan plan =
                    KdaTranslator.translateReportingAll(
                                    mutant.text(), SOURCE, app.inputs(), app.references())
                            .plan()
                            .orElseThrow();
            planned++;
            try {
                PlanCheck.check(plan);
            } catch (RuntimeException e) {
                rejected.add(
                        "Flink rejects: "
                                + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                                + "\n"
                                + escaped(mutant.text()));
                if (rejected.size() >= 10) {
                    break;
                }
            }
        }
        System.out.printf(
                "TranslatorFuzzTest: Flink planned %d of %d distinct translated mutants in %.1f s%n",
                planned, translated.size(), (System.nanoTime() - started) / 1e9);
        rejected.forEach(System.out::println);
        assertThat(rejected).as("translations Flink's planner rejects").isEmpty();
    }

    // ------------------------------------------------------------------ one mutant

    /** Decode, parse, analyse, plan, emit — what {@code validate} does before Flink plans. */
    private static Outcome translate(Mutant mutant) {
        try {
            String sql = Utf8Text.decode(mutant.bytes(), SOURCE);
            KdaTranslator.Lenient lenient =
                    KdaTranslator.translateReportingAll(
                            sql, SOURCE, mutant.seed().inputs(), mutant.seed().references());
            for (StatementReport problem : lenient.problems()) {
                requireLineAndColumn(problem.detail());
            }
            lenient.plan().ifPresent(FlinkSqlScript::render);
            return lenient.problems().isEmpty() && lenient.plan().isPresent()
                    ? Outcome.TRANSLATED
                    : Outcome.SEMANTIC_ERROR;
        } catch (KdaSqlSyntaxException e) {
            requireLineAndColumn(e.getMessage());
            return Outcome.SYNTAX_ERROR;
        } catch (KdaSemanticException e) {
            requireLineAndColumn(e.getMessage());
            return Outcome.SEMANTIC_ERROR;
        } catch (NotUtf8Exception e) {
            if (!NOT_UTF8.matcher(e.getMessage()).matches()) {
                throw new AssertionError("not UTF-8, but said so badly: " + e.getMessage(), e);
            }
            return Outcome.NOT_UTF8;
        }
    }

    private static void requireLineAndColumn(String message) {
        if (!LINE_COLUMN.matcher(message).find()) {
            throw new AssertionError("a KDA SQL error without app.sql:line:column: " + message);
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(
                task -> {
                    Thread thread = new Thread(null, task, "translator-fuzz", STACK_BYTES);
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** The kind of a failure: its exception and where in flink-kda it was thrown. */
    private static String kind(Throwable e) {
        String at = "";
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("dev.flinkkda")) {
                at = frame.getClassName() + "." + frame.getMethodName();
                break;
            }
        }
        return e.getClass().getName() + " " + at;
    }

    private static Failure failure(int index, Mutant mutant, Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        List<String> lines = trace.toString().lines().limit(12).toList();
        return new Failure(
                index,
                mutant.text(),
                e.getClass().getName() + ": " + e.getMessage(),
                String.join("\n", lines));
    }

    private static String describe(long seed, Failure f) {
        String sql = f.sql().length() > 4000 ? f.sql().substring(0, 4000) + "…" : f.sql();
        return "--- seed "
                + seed
                + ", case "
                + f.index()
                + ": "
                + f.what()
                + "\n"
                + escaped(sql)
                + (f.trace().isEmpty() ? "" : "\n" + f.trace());
    }

    /** The text with control and invisible characters as Java escapes, lines kept. */
    static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints()
                .forEach(
                        c -> {
                            if (c == '\n' || (c >= 0x20 && c < 0x7F)) {
                                out.appendCodePoint(c);
                            } else {
                                out.append(
                                        c > 0xFFFF
                                                ? String.format("\\U%08x", c)
                                                : String.format("\\u%04x", c));
                            }
                        });
        return out.toString();
    }

    // ------------------------------------------------------------------ seeds

    /** The corpus's applications and the examples with one input. */
    static List<Seed> seeds() throws IOException {
        List<Seed> seeds = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                seeds.add(
                        new Seed(
                                "corpus/" + dir.getFileName(),
                                Files.readString(dir.resolve("app.sql"), StandardCharsets.UTF_8),
                                KdaCorpusTest.schemas(dir.resolve("schema.txt")),
                                KdaCorpusTest.schemas(dir.resolve("reference.txt"))));
            }
        }
        try (Stream<Path> dirs = Files.list(EXAMPLES)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Path schema = dir.resolve("schema.txt");
                if (Files.exists(schema) && Files.exists(dir.resolve("app.sql"))) {
                    seeds.add(
                            new Seed(
                                    "examples/" + dir.getFileName(),
                                    Files.readString(
                                            dir.resolve("app.sql"), StandardCharsets.UTF_8),
                                    Map.of("SOURCE_SQL_STREAM_001", KdaSchema.fromFile(schema)),
                                    Map.of()));
                }
            }
        }
        return seeds;
    }

    // ------------------------------------------------------------------ mutations

    /** A mutated application: its text, and its bytes (not always the UTF-8 of the text). */
    record Mutant(Seed seed, String text, byte[] bytes) {}

    /** Makes mutants; the {@code i}-th of a seed is always the same. */
    static final class Mutator {

        private static final Pattern TOKEN =
                Pattern.compile(
                        "'(?:[^']++|'')*+'|\"(?:[^\"]++|\"\")*+\"|--[^\\n]*|/\\*.*?\\*/|\\s+"
                                + "|[A-Za-z_][A-Za-z0-9_$]*|\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?"
                                + "|\\.\\d+|\\|\\||<>|<=|>=|!=|=>|.",
                        Pattern.DOTALL);

        private static final String[] CHARACTERS = {
            "'",
            "\"",
            "(",
            ")",
            ";",
            ",",
            ".",
            "*",
            "-",
            "/",
            "|",
            "`",
            "\\",
            "$",
            "?",
            "[",
            "\u0000",
            "\t",
            "\n",
            "\r",
            "\u0001",
            "\u001b",
            "\u007f",
            "\u0085",
            "\u00a0",
            "\u2028",
            "\uFEFF",
            "\u00e9",
            "\u00df",
            "\u0130",
            "\u01c5",
            "\uD83D\uDE00",
            "\uD800\uDC00",
            "\uD835\uDD38",
            "0",
            "9",
            "e",
            "E",
            "X",
            " "
        };

        private static final String[] KEYWORDS = {
            "SELECT",
            "STREAM",
            "FROM",
            "WHERE",
            "GROUP BY",
            "HAVING",
            "UNION ALL",
            "JOIN",
            "LEFT JOIN",
            "ON",
            "AS",
            "CASE",
            "WHEN",
            "THEN",
            "ELSE",
            "END",
            "CAST(",
            "AND",
            "OR",
            "NOT",
            "NULL",
            "IN",
            "BETWEEN",
            "LIKE",
            "IS",
            "OVER",
            "WINDOW",
            "PARTITION BY",
            "ORDER BY",
            "RANGE",
            "ROWS",
            "PRECEDING",
            "INTERVAL",
            "STEP(",
            "FLOOR(",
            "ROWTIME",
            "TABLE(",
            "CURSOR(",
            "DISTINCT",
            "CREATE",
            "PUMP",
            "INSERT INTO",
            "WINDOWED BY",
            "STAGGER",
            "COUNT(*)",
            "*",
            "TIMESTAMP",
            "SECOND",
            "MINUTE",
            "DAY TO SECOND",
            ";"
        };

        private static final String[] LITERALS = {
            "1".repeat(45),
            "'1e999999999'",
            "'-1e-999999999'",
            "'1e9999999999'",
            "INTERVAL 'abc' SECOND",
            "INTERVAL '1e999999999' SECOND",
            "'2018-08-01 11:00:20'",
            "TIMESTAMP '2018-08-01 11:00:20.123456789'",
            "CAST('1e999999999' AS BIGINT)",
            "CAST('1e999999999' AS DECIMAL(10, 2))",
            "1e999",
            "-1e999",
            "1e-999",
            "9223372036854775808",
            "9223372036854775807",
            "2147483648",
            "0." + "0".repeat(40) + "1",
            "1" + "0".repeat(38),
            "9".repeat(38),
            "1.5e308",
            "0e0",
            ".0",
            "0.",
            "'" + "x".repeat(5000) + "'",
            "''",
            "'\n'",
            "'\u0000'",
            "'\uD83D\uDE00'",
            "X'ZZ'",
            "X'F'",
            "X''",
            "TIMESTAMP '2018-13-45 99:99:99'",
            "TIMESTAMP ''",
            "DATE 'x'",
            "TIME '25:00:00'",
            "INTERVAL '99999999999999999999' SECOND",
            "INTERVAL '-1' MINUTE",
            "INTERVAL '1.5' MINUTE",
            "INTERVAL '' DAY",
            "INTERVAL '1 2:3:4.5' DAY TO SECOND",
            "INTERVAL '9999999999' YEAR",
            "INTERVAL '0' SECOND",
            "INTERVAL - '5' HOUR",
            "NULL",
            "CAST(NULL AS INTEGER)"
        };

        private static final String[] NAMES = {
            "\"" + "n".repeat(128) + "\"",
            "N".repeat(128),
            "\"" + "\uD83D\uDE00".repeat(128) + "\"",
            "\"a\nb\"",
            "\"a\u0000b\"",
            "\"a\rb\"",
            "\"a\tb\"",
            "\"`\"",
            "\"a``b\"",
            "\"\"\"\"",
            "\"\uD83D\uDE00\"",
            "\" \"",
            "\"ROWTIME\"",
            "\"rowtime\"",
            "\"a\u001bb\"",
            "\"" + "n".repeat(3000) + "\"",
            "\"\"",
            "\"a'b\"",
            "\"\\\"",
            "\"a\u2028b\"",
            "\"\uFEFFx\"",
            "\"SOURCE_SQL_STREAM_001\"",
            "\"error_stream\"",
            "\uD835\uDD38x",
            "\u00dfx",
            "\u0130x"
        };

        // possessive: a backtracking regex overflows the stack on a token thousands long
        private static final String NAME = "[A-Za-z_][A-Za-z0-9_$]*+|\"(?:[^\"]++|\"\")*+\"";

        /** KDA's keywords: a name to replace is not one of them. */
        private static final Set<String> KEYWORD_SET = keywords();

        private static final String OPERATOR = "[-+*/=<>]|\\|\\||<>|<=|>=|!=|AND|OR|and|or";
        private static final String TYPE =
                "VARCHAR|CHAR|INTEGER|INT|BIGINT|SMALLINT|TINYINT|DOUBLE|REAL|FLOAT|DECIMAL"
                        + "|BOOLEAN|DATE|TIME|TIMESTAMP|VARBINARY|BINARY|varchar|integer|double"
                        + "|timestamp|bigint";

        private static final String[] OPERATORS = {
            "+",
            "-",
            "*",
            "/",
            "||",
            "=",
            "<>",
            "<",
            "<=",
            ">",
            ">=",
            "AND",
            "OR",
            " IS ",
            " IN ",
            " LIKE ",
            " BETWEEN "
        };

        private static final String[] TYPES = {
            "VARCHAR",
            "CHAR",
            "INTEGER",
            "BIGINT",
            "SMALLINT",
            "TINYINT",
            "DOUBLE",
            "REAL",
            "FLOAT",
            "DECIMAL",
            "BOOLEAN",
            "DATE",
            "TIME",
            "TIMESTAMP",
            "VARBINARY",
            "BINARY",
            "INTERVAL DAY",
            "DECIMAL(38, 38)",
            "VARCHAR(0)",
            "DECIMAL(39)",
            "TIMESTAMP(10)",
            "CHAR(2147483648)"
        };

        private static final String[] FUNCTIONS = {
            "ABS",
            "FLOOR",
            "CEIL",
            "CHAR_LENGTH",
            "LOWER",
            "UPPER",
            "SUBSTRING",
            "COUNT",
            "SUM",
            "AVG",
            "MIN",
            "MAX",
            "STEP",
            "TSDIFF",
            "UNIX_TIMESTAMP",
            "LAG",
            "FIRST_VALUE",
            "LAST_VALUE",
            "NTH_VALUE",
            "EXP_AVG",
            "REGEX_REPLACE",
            "TO_TIMESTAMP",
            "CHAR_TO_TIMESTAMP",
            "TIMESTAMP_TO_CHAR",
            "INITCAP",
            "TRIM",
            "POSITION",
            "MOD",
            "POWER",
            "LN",
            "EXP",
            "SQRT",
            "COUNT_DISTINCT_ITEMS_TUMBLING",
            "TOP_K_ITEMS_TUMBLING",
            "RANDOM_CUT_FOREST",
            "HOTSPOTS",
            "REGEX_LOG_PARSE",
            "W3C_LOG_PARSE",
            "VAR_POP",
            "STDDEV_SAMP",
            "CURRENT_ROW_TIMESTAMP",
            "NO_SUCH_FUNCTION",
            "CAST",
            "CASE"
        };

        private static final String[] WRAPPERS = {
            "CAST(? AS INTEGER)",
            "CAST(? AS VARCHAR(2))",
            "CAST(? AS DECIMAL(38, 10))",
            "CAST(? AS TIMESTAMP)",
            "CAST(? AS DOUBLE)",
            "CAST(? AS BOOLEAN)",
            "CAST(? AS DATE)",
            "SUM(?)",
            "COUNT(DISTINCT ?)",
            "ABS(?)",
            "(? || 'x')",
            "(? + 1)",
            "(? / 0)",
            "(- ?)",
            "(NOT ?)",
            "(? IS NULL)",
            "(? BETWEEN 1 AND 2)",
            "(? IN (1, 'a', NULL))",
            "CASE WHEN ? THEN 1 END",
            "FLOOR(? TO MINUTE)",
            "STEP(? BY INTERVAL '1' SECOND)",
            "LAG(?) OVER (ROWS 2 PRECEDING)",
            "(? - ?) SECOND",
            "EXTRACT(HOUR FROM ?)",
            "TRIM(BOTH ? FROM ?)",
            "SUBSTRING(? FROM 2 FOR 3)",
            "POSITION(? IN 'abc')"
        };

        private final List<Seed> seeds;
        private final List<List<String>> tokens = new ArrayList<>();
        private final List<String> vocabulary = new ArrayList<>();

        Mutator(List<Seed> seeds) {
            this.seeds = seeds;
            Set<String> words = new LinkedHashSet<>();
            for (Seed seed : seeds) {
                List<String> list = tokenize(seed.sql());
                tokens.add(list);
                list.stream().filter(t -> !t.isBlank()).forEach(words::add);
            }
            vocabulary.addAll(words);
        }

        static List<String> tokenize(String sql) {
            List<String> list = new ArrayList<>();
            Matcher m = TOKEN.matcher(sql);
            while (m.find()) {
                list.add(m.group());
            }
            return list;
        }

        Mutant mutant(long seed, int index) {
            Random random = new Random(seed * 1_000_003L + index);
            int which = random.nextInt(seeds.size());
            Seed app = seeds.get(which);
            List<String> list = new ArrayList<>(tokens.get(which));
            int draw = random.nextInt(10);
            int mutations = draw < 5 ? 1 : draw < 8 ? 2 : 3;
            boolean invalidBytes = false;
            for (int m = 0; m < mutations; m++) {
                if (list.isEmpty()) {
                    list.add(pick(random, KEYWORDS));
                }
                if (random.nextInt(100) < 55) {
                    keepingTheSyntax(random, list);
                } else {
                    invalidBytes |= breakingTheSyntax(random, list);
                }
            }
            String text = String.join("", list);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (invalidBytes) {
                bytes = withInvalidBytes(random, bytes);
            }
            return new Mutant(app, text, bytes);
        }

        /** Mutations that mostly leave the syntax valid, for the analyser and what follows. */
        private void keepingTheSyntax(Random random, List<String> list) {
            int kind = random.nextInt(100);
            if (kind < 20) {
                // a name for another of the application's names
                replaceMatching(random, list, NAME, pickMatching(random, list, NAME));
            } else if (kind < 35) {
                replaceMatching(random, list, "\\d.*|'.*", pick(random, LITERALS));
            } else if (kind < 45) {
                replaceMatching(random, list, NAME, pick(random, NAMES));
            } else if (kind < 60) {
                replaceMatching(random, list, OPERATOR, pick(random, OPERATORS));
            } else if (kind < 72) {
                replaceFunctionName(random, list);
            } else if (kind < 80) {
                replaceMatching(random, list, TYPE, pick(random, TYPES));
            } else if (kind < 90) {
                // an operand wrapped in a cast or a call
                String wrapper = pick(random, WRAPPERS);
                int i = indexMatching(random, list, NAME + "|\\d.*|'.*");
                list.set(i, wrapper.replace("?", list.get(i)));
            } else {
                deepen(random, list);
            }
        }

        /** Mutations that mostly break the syntax: for the lexer, the parser and their errors. */
        private boolean breakingTheSyntax(Random random, List<String> list) {
            int kind = random.nextInt(100);
            if (kind < 18) {
                list.remove(random.nextInt(list.size()));
            } else if (kind < 30) {
                int i = random.nextInt(list.size());
                list.add(i, list.get(i));
            } else if (kind < 42) {
                int i = random.nextInt(list.size());
                int j = random.nextInt(list.size());
                String t = list.get(i);
                list.set(i, list.get(j));
                list.set(j, t);
            } else if (kind < 50) {
                list.set(
                        random.nextInt(list.size()),
                        vocabulary.get(random.nextInt(vocabulary.size())));
            } else if (kind < 66) {
                StringBuilder inserted = new StringBuilder();
                for (int c = 1 + random.nextInt(4); c > 0; c--) {
                    inserted.append(pick(random, CHARACTERS));
                }
                list.add(random.nextInt(list.size() + 1), inserted.toString());
            } else if (kind < 72) {
                list.subList(random.nextInt(list.size()), list.size()).clear();
            } else if (kind < 82) {
                list.add(random.nextInt(list.size() + 1), " " + pick(random, KEYWORDS) + " ");
            } else if (kind < 92) {
                // a span of tokens copied elsewhere: statements and clauses twice
                int from = random.nextInt(list.size());
                int to = Math.min(list.size(), from + 1 + random.nextInt(40));
                List<String> span = new ArrayList<>(list.subList(from, to));
                list.addAll(random.nextInt(list.size() + 1), span);
            } else {
                return true;
            }
            return false;
        }

        /** A function's name (a name before a parenthesis) for another function's. */
        private static void replaceFunctionName(Random random, List<String> list) {
            List<Integer> calls = new ArrayList<>();
            for (int i = 0; i + 1 < list.size(); i++) {
                if (list.get(i).matches(NAME) && list.get(i + 1).equals("(")) {
                    calls.add(i);
                }
            }
            if (!calls.isEmpty()) {
                list.set(calls.get(random.nextInt(calls.size())), pick(random, FUNCTIONS));
            }
        }

        /** A token nested far: in parentheses, CASEs, calls, subqueries, or a long chain. */
        private static void deepen(Random random, List<String> list) {
            int depth =
                    switch (random.nextInt(4)) {
                        case 0 -> KdaSqlParser.MAX_NESTING_DEPTH;
                        case 1 -> KdaSqlParser.MAX_NESTING_DEPTH + 1;
                        case 2 -> 750;
                        default -> 1 + random.nextInt(3_000);
                    };
            int i = random.nextInt(list.size());
            // a long token (a 5,000-character string) repeated thousands of times is only slow
            String token = list.get(i).length() > 20 ? "x" : list.get(i);
            String deep =
                    switch (random.nextInt(7)) {
                        case 0 -> "(".repeat(depth) + token + ")".repeat(depth);
                        case 1 -> token + (" + " + token).repeat(depth);
                        case 2 -> "NOT ".repeat(depth) + token;
                        case 3 -> "- ".repeat(depth) + token;
                        case 4 ->
                                "CASE WHEN TRUE THEN ".repeat(depth) + token + " END".repeat(depth);
                        case 5 -> "ABS(".repeat(depth) + token + ")".repeat(depth);
                        default -> token + (" OR " + token + " = " + token).repeat(depth);
                    };
            list.set(i, deep);
        }

        private static void replaceMatching(
                Random random, List<String> list, String regex, String replacement) {
            list.set(indexMatching(random, list, regex), replacement);
        }

        private static Set<String> keywords() {
            Set<String> keywords = new java.util.HashSet<>();
            for (int type = 1; type <= KdaSqlLexer.VOCABULARY.getMaxTokenType(); type++) {
                String literal = KdaSqlLexer.VOCABULARY.getLiteralName(type);
                if (literal != null && literal.matches("'[A-Z_]+'")) {
                    keywords.add(literal.substring(1, literal.length() - 1));
                }
            }
            return keywords;
        }

        /** A random token matching {@code regex} (not a keyword), or any token if none does. */
        private static int indexMatching(Random random, List<String> list, String regex) {
            List<Integer> matching = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String token = list.get(i);
                if (token.matches("(?s)" + regex)
                        && (regex.equals(OPERATOR)
                                || regex.equals(TYPE)
                                || !KEYWORD_SET.contains(token.toUpperCase(Locale.ROOT)))) {
                    matching.add(i);
                }
            }
            return matching.isEmpty()
                    ? random.nextInt(list.size())
                    : matching.get(random.nextInt(matching.size()));
        }

        private static String pickMatching(Random random, List<String> list, String regex) {
            return list.get(indexMatching(random, list, regex));
        }

        private static byte[] withInvalidBytes(Random random, byte[] bytes) {
            byte[][] invalid = {
                {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {(byte) 0xF8, (byte) 0x88}
            };
            byte[] insert = invalid[random.nextInt(invalid.length)];
            int at = random.nextInt(bytes.length + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(bytes, 0, at);
            out.write(insert, 0, insert.length);
            out.write(bytes, at, bytes.length - at);
            return out.toByteArray();
        }

        private static String pick(Random random, String[] choices) {
            return choices[random.nextInt(choices.length)];
        }
    }
}
