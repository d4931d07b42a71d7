/**
 * The translator's typed expressions: what the analyser makes of the AST's expressions, and what
 * the plan and the emitter work on.
 */
package dev.flinkkda.kda.sql.expr;
