package dev.flinkkda.kda.functions.logparse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegexReplaceTest {

    /** SR "REGEX_REPLACE", example 1: every TECHNOLOGY becomes INFORMATION TECHNOLOGY. */
    @Test
    void documentedExample() {
        RegexReplace replace = RegexReplace.compile("TECHNOLOGY");
        assertThat(replace.replace("TECHNOLOGY", "INFORMATION TECHNOLOGY", 1, 0))
                .isEqualTo("INFORMATION TECHNOLOGY");
        assertThat(replace.replace("ENERGY", "INFORMATION TECHNOLOGY", 1, 0)).isEqualTo("ENERGY");
    }

    @Test
    void startPositionAndOccurrence() {
        RegexReplace dash = RegexReplace.compile("-");
        assertThat(dash.replace("a-b-c-d", "+", 1, 0)).isEqualTo("a+b+c+d");
        assertThat(dash.replace("a-b-c-d", "+", 1, 2)).isEqualTo("a-b+c-d");
        assertThat(dash.replace("a-b-c-d", "+", 3, 0)).isEqualTo("a-b+c+d");
        assertThat(dash.replace("a-b-c-d", "+", 3, 1)).isEqualTo("a-b+c-d");
        assertThat(dash.replace("a-b-c-d", "+", 1, 4)).isEqualTo("a-b-c-d");
        assertThat(dash.replace("a-b-c-d", "+", 8, 0)).isEqualTo("a-b-c-d");
        assertThat(RegexReplace.compile("(\\w)-(\\w)").replace("a-b c-d", "$2$1", 1, 0))
                .isEqualTo("ba dc");
        assertThat(RegexReplace.compile("^a").replace("aaa", "x", 2, 0)).isEqualTo("axa");
    }

    @Test
    void nullsAndErrors() {
        RegexReplace dash = RegexReplace.compile("-");
        assertThat(dash.replace(null, "+", 1, 0)).isNull();
        assertThat(dash.replace("a-b", null, 1, 0)).isNull();
        assertThat(dash.replace("a-b", "+", null, 0)).isNull();
        assertThat(dash.replace("a-b", "+", 0, 0)).isNull();
        assertThat(dash.replace("a-b", "+", 1, -1)).isNull();
        assertThat(dash.replace("a-b", "$3", 1, 0)).isNull();
        assertThatThrownBy(() -> RegexReplace.compile("[a"))
                .isInstanceOfSatisfying(
                        LogParserSpecException.class,
                        e -> assertThat(e.argumentIndex()).isEqualTo(1))
                .hasMessageStartingWith(
                        "REGEX_REPLACE, argument 2: '[a' is not a regular expression");
    }
}
