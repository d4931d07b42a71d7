package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.SourcePosition;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Application files are UTF-8, decoded strictly: the first byte that is not is the error. */
class Utf8TextTest {

    private static NotUtf8Exception error(byte[] bytes) {
        NotUtf8Exception error =
                catchThrowableOfType(
                        NotUtf8Exception.class, () -> Utf8Text.decode(bytes, "app.sql"));
        assertThat(error).as("not UTF-8").isNotNull();
        return error;
    }

    private static byte[] concat(String before, int... bytes) {
        byte[] text = before.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[text.length + bytes.length];
        System.arraycopy(text, 0, all, 0, text.length);
        for (int i = 0; i < bytes.length; i++) {
            all[text.length + i] = (byte) bytes[i];
        }
        return all;
    }

    @Test
    void utf8IsDecodedAndAByteOrderMarkDropped() {
        String text = "SELECT STREAM '\u00e9\uD83D\uDE00' FROM s";
        assertThat(Utf8Text.decode(text.getBytes(StandardCharsets.UTF_8), "app.sql"))
                .isEqualTo(text);
        assertThat(Utf8Text.decode(("\uFEFF" + text).getBytes(StandardCharsets.UTF_8), "app.sql"))
                .isEqualTo(text);
        assertThat(Utf8Text.decode(new byte[0], "app.sql")).isEmpty();
    }

    @Test
    void aLatin1ByteIsNamedByItsOffsetLineAndColumn() {
        NotUtf8Exception error = error(concat("CREATE\n  'caf", 0xE9, '\''));
        assertThat(error.getMessage())
                .isEqualTo("app.sql: not UTF-8 at byte 13 (line 2, column 7)");
        assertThat(error.byteOffset()).isEqualTo(13);
        assertThat(error.position()).isEqualTo(new SourcePosition(2, 7));
        assertThat(error.sourceName()).isEqualTo("app.sql");
    }

    @Test
    void columnsCountCharactersAfterAByteOrderMarkAndNonBmpCharacters() {
        // the BOM is 3 bytes and no column; the emoji is 4 bytes and one column
        NotUtf8Exception error = error(concat("\uFEFF'\uD83D\uDE00", 0xFF));
        assertThat(error.getMessage()).isEqualTo("app.sql: not UTF-8 at byte 8 (line 1, column 3)");
    }

    @Test
    void truncatedOverlongAndSurrogateSequencesAreNotUtf8() {
        assertThat(error(concat("ab", 0xE2, 0x82)).byteOffset())
                .isEqualTo(2); // cut short at the end
        assertThat(error(concat("ab", 0xC0, 0xAF)).byteOffset()).isEqualTo(2); // overlong '/'
        assertThat(error(concat("ab", 0xED, 0xA0, 0x80)).byteOffset()).isEqualTo(2); // a surrogate
        assertThat(error(concat("ab", 0x80)).byteOffset()).isEqualTo(2); // a lone continuation byte
    }
}
