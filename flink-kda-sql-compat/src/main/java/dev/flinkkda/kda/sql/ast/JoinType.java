package dev.flinkkda.kda.sql.ast;

/** The kinds of {@link Join}. */
public enum JoinType {
    /** {@code [INNER] JOIN}. */
    INNER,
    /** {@code LEFT [OUTER] JOIN}. */
    LEFT,
    /** {@code RIGHT [OUTER] JOIN}. */
    RIGHT,
    /** {@code FULL [OUTER] JOIN}. */
    FULL,
    /** {@code CROSS JOIN}. */
    CROSS,
    /** A comma in the {@code FROM} list: a cross join written {@code FROM a, b}. */
    IMPLICIT
}
