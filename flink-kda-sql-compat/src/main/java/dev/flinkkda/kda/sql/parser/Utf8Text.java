package dev.flinkkda.kda.sql.parser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of a file that must be UTF-8: an application, a schema, a reference file. Decoded
 * strictly: a byte sequence that is not UTF-8 is an error naming its offset, never replaced by
 * U+FFFD (the text would then differ from what its author sees, silently). A leading byte order
 * mark is dropped.
 */
public final class Utf8Text {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private Utf8Text() {}

    /**
     * The text of {@code file}; errors name it by its file name.
     *
     * @throws NotUtf8Exception if the file is not UTF-8
     * @throws IOException if it cannot be read
     */
    public static String read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), String.valueOf(file.getFileName()));
    }

    /**
     * The text of {@code bytes}.
     *
     * @param sourceName what the error calls the bytes, e.g. a file name
     * @throws NotUtf8Exception at the first byte that does not start a UTF-8 character
     */
    public static String decode(byte[] bytes, String sourceName) {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never decodes to more UTF-16 units than it has bytes.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            out.flip();
            throw new NotUtf8Exception(sourceName, in.position(), out);
        }
        out.flip();
        String text = out.toString();
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }
}
