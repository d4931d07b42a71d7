/**
 * The emit stage: the only code that writes Flink SQL text, from the plan's typed nodes and
 * expressions.
 */
package dev.flinkkda.kda.sql.emit;
