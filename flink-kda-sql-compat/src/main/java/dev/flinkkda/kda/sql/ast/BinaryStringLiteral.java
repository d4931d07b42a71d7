package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/**
 * A binary string, {@code X'0A1B'}.
 *
 * @param hexDigits the hexadecimal digits between the quotes, as written
 */
public record BinaryStringLiteral(SourcePosition position, String hexDigits) implements Expression {

    public BinaryStringLiteral {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(hexDigits, "hexDigits");
    }
}
