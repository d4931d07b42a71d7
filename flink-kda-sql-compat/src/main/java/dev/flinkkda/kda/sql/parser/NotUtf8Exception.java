package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.SourcePosition;

/**
 * A file that must be UTF-8 and is not: {@code app.sql: not UTF-8 at byte 42 (line 3, column 7)}.
 * The byte offset counts from 0, as {@code iconv} and {@code xxd} count; line and column are those
 * the parser would give the character there, counted as it counts them (lines end at {@code \n}, a
 * column is one code point).
 */
public final class NotUtf8Exception extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final long byteOffset;
    private final SourcePosition position;

    /**
     * @param byteOffset the offset of the first byte that is not UTF-8
     * @param before the text decoded before it
     */
    NotUtf8Exception(String sourceName, long byteOffset, CharSequence before) {
        this(sourceName, byteOffset, positionAfter(before));
    }

    private NotUtf8Exception(String sourceName, long byteOffset, SourcePosition position) {
        super(
                sourceName
                        + ": not UTF-8 at byte "
                        + byteOffset
                        + " (line "
                        + position.line()
                        + ", column "
                        + position.column()
                        + ")");
        this.sourceName = sourceName;
        this.byteOffset = byteOffset;
        this.position = position;
    }

    /** The file (or other source) that is not UTF-8. */
    public String sourceName() {
        return sourceName;
    }

    /** The offset of the first byte that is not UTF-8, from 0. */
    public long byteOffset() {
        return byteOffset;
    }

    /** The line and column of that byte. */
    public SourcePosition position() {
        return position;
    }

    private static SourcePosition positionAfter(CharSequence text) {
        int line = 1;
        int column = 1;
        int start = text.length() > 0 && text.charAt(0) == '\uFEFF' ? 1 : 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(c)) {
                column++;
            }
        }
        return new SourcePosition(line, column);
    }
}
