package dev.flinkkda.kda.format;

import dev.flinkkda.kda.format.JsonPath.EveryElement;
import dev.flinkkda.kda.format.JsonPath.Field;
import dev.flinkkda.kda.format.JsonPath.Index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** KDA's JSONPath: the forms of the developer guide's "Working with JSONPath", and what is not. */
class JsonPathTest {

    @Test
    void theRecordItself() {
        assertThat(JsonPath.parse("$").steps()).isEmpty();
        assertThat(JsonPath.parse("$").isRoot()).isTrue();
        assertThat(JsonPath.root()).isEqualTo(JsonPath.parse("$"));
    }

    @Test
    void theGuidesElementAndNestedElementForms() {
        assertThat(JsonPath.parse("$.customerName").steps())
                .containsExactly(new Field("customerName"));
        assertThat(JsonPath.parse("$.address.city").steps())
                .containsExactly(new Field("address"), new Field("city"));
        assertThat(JsonPath.parse("$.address.streetAddress.street").steps())
                .containsExactly(
                        new Field("address"), new Field("streetAddress"), new Field("street"));
    }

    @Test
    void theGuidesArrayForms() {
        JsonPath whole = JsonPath.parse("$.orders[0:]");
        assertThat(whole.steps()).containsExactly(new Field("orders"), new EveryElement());
        assertThat(whole.flattenedLength()).as("last: the array whole, no rows").isEqualTo(-1);

        JsonPath rows = JsonPath.parse("$.orders[0:].orderId");
        assertThat(rows.steps())
                .containsExactly(new Field("orders"), new EveryElement(), new Field("orderId"));
        assertThat(rows.flattenedLength()).isEqualTo(2);
        assertThat(rows.prefix(2)).isEqualTo(JsonPath.parse("$.orders[0:]"));
        assertThat(JsonPath.parse("$[0:].a").flattenedLength()).isEqualTo(1);
    }

    @Test
    void indexesAndBracketedNamesAreReadToo() {
        assertThat(JsonPath.parse("$.readings[2].temp").steps())
                .containsExactly(new Field("readings"), new Index(2), new Field("temp"));
        assertThat(JsonPath.parse("$['a.b']['c d'][\"e]f\"]").steps())
                .containsExactly(new Field("a.b"), new Field("c d"), new Field("e]f"));
        assertThat(JsonPath.parse("$['it\\'s'][\"say \\\"hi\\\"\"]['back\\\\slash']").steps())
                .containsExactly(
                        new Field("it's"), new Field("say \"hi\""), new Field("back\\slash"));
        assertThat(JsonPath.parse("$.a[10][0]").steps())
                .containsExactly(new Field("a"), new Index(10), new Index(0));
    }

    @Test
    void namesKeepCaseAndOddCharacters() {
        assertThat(JsonPath.parse("$.Name").steps()).containsExactly(new Field("Name"));
        assertThat(JsonPath.parse("$.a-b_c$1:ü").steps()).containsExactly(new Field("a-b_c$1:ü"));
    }

    @Test
    void writtenBackAsParsed() {
        for (String path :
                List.of(
                        "$",
                        "$.a",
                        "$.orders[0:].orderId",
                        "$.a[3].b[0:]",
                        "$['a.b'].c",
                        "$['it\\'s']",
                        "$[0:].x")) {
            assertThat(JsonPath.parse(path).toString()).isEqualTo(path);
            assertThat(JsonPath.parse(JsonPath.parse(path).toString()))
                    .isEqualTo(JsonPath.parse(path));
        }
    }

    @Test
    void startsWith() {
        JsonPath path = JsonPath.parse("$.readings[0:].temp");
        assertThat(path.startsWith(JsonPath.parse("$.readings[0:]"))).isTrue();
        assertThat(path.startsWith(JsonPath.root())).isTrue();
        assertThat(path.startsWith(path)).isTrue();
        assertThat(path.startsWith(JsonPath.parse("$.readings[0]"))).isFalse();
        assertThat(JsonPath.parse("$.a").startsWith(path)).isFalse();
    }

    /** Columns count from 1; worked out by hand from each text. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "``|1|expected '$' (a path starts at the record, '$'), found the end",
                "customerName|1|expected '$' (a path starts at the record, '$'), found 'c'",
                "$customerName|2|expected '.' or '[', found 'c'",
                "$.|3|expected a name after '.', found the end",
                "$.a.|5|expected a name after '.', found the end",
                "$..a|3|expected a name after '.', found '.' (recursive descent '..' is not KDA's"
                        + " JSONPath)",
                "$.a..b|5|expected a name after '.', found '.' (recursive descent '..' is not KDA's"
                        + " JSONPath)",
                "$.*|3|expected a name; the wildcard '*' is not KDA's JSONPath (use [0:])",
                "$.a[*]|5|expected an index, '0:' or a quoted name; the wildcard '*' is not KDA's"
                        + " JSONPath (use [0:])",
                "$.a[1:]|5|expected '0:' (every element: the only slice KDA reads), found '1:'",
                "$.a[0:2]|5|expected '0:' (every element: the only slice KDA reads), found '0:2'",
                "$.a[-1]|5|expected an index, '0:' or a quoted name, found '-' (only [0:] and [n]"
                        + " are read)",
                "$.a[?(@.x)]|5|expected an index, '0:' or a quoted name, found '?' (only [0:] and"
                        + " [n] are read)",
                "$.a[0:|7|expected ']' to close the '[' at column 4",
                "$.a[|5|expected an index, '0:' or a quoted name, found the end",
                "$.a[01]|5|expected an index without leading zeros",
                "$.a[99999999999]|5|expected an index up to 2147483647",
                "$.a[1x]|6|expected ']', found 'x'",
                "$['a'|6|expected ']' to close the '[' at column 2",
                "$['a|3|expected the quoted name to be closed by '",
                "$['a\\n']|5|expected \\', \\\" or \\\\ (the escapes of a quoted name), found '\\n'",
                "$.a b|4|expected a name, '.' or '[', found ' '",
                "$.a]|4|expected a name, '.' or '[', found ']'",
            })
    void errorsSayWhereAndWhatWasExpected(String text, int column, String reason) {
        JsonPathException error =
                catchThrowableOfType(JsonPathException.class, () -> JsonPath.parse(text));
        assertThat(error).as(text).isNotNull();
        assertThat(error.column()).as(text).isEqualTo(column);
        assertThat(error.reason()).as(text).isEqualTo(reason);
        assertThat(error.path()).isEqualTo(text);
        assertThat(error.getMessage()).isEqualTo("column " + column + ": " + reason);
    }

    @Test
    void aNegativeIndexCannotBeMade() {
        assertThatThrownBy(() -> new Index(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
