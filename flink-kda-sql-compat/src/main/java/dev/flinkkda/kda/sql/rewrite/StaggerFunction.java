package dev.flinkkda.kda.sql.rewrite;

/** The aggregates a stagger window computes in flink-kda's operator. */
public enum StaggerFunction {
    COUNT_ALL,
    COUNT,
    SUM,
    AVG,
    MIN,
    MAX
}
