package dev.flinkkda.kda.sql.emit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden tests of {@code translate --format sql-script}: each {@code golden/script-NAME.sql}
 * application, connected as {@link ScriptCases} says, gives {@code golden/script-NAME.script.sql},
 * reviewed by hand. {@code -Dgolden.update=true} writes the scripts to {@code target/golden/}.
 */
class SqlClientScriptGoldenTest {

    static java.util.List<String> cases() {
        return ScriptCases.NAMES;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void scriptsAsReviewed(String name) throws IOException {
        String script = ScriptCases.script(name);
        if (Boolean.getBoolean("golden.update")) {
            Path out = Path.of("target", "golden", name + ".script.sql");
            Files.createDirectories(out.getParent());
            Files.writeString(out, script);
        }
        assertThat(script).isEqualTo(ScriptCases.resource(name + ".script.sql"));
    }
}
