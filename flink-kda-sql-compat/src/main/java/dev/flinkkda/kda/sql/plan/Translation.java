package dev.flinkkda.kda.sql.plan;

/** How a statement of a KDA application runs on Flink. */
public enum Translation {
    /** As Flink SQL alone. */
    NATIVE,
    /** With flink-kda's operators or functions besides Flink SQL. */
    VIA_FLINK_KDA,
    /** Not at all: the application is rejected. */
    UNSUPPORTED
}
