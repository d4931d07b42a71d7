/**
 * The typed, immutable syntax tree of a Kinesis Data Analytics (KDA) for SQL application, as
 * written: {@link dev.flinkkda.kda.sql.ast.KdaScript} holds the statements ({@link
 * dev.flinkkda.kda.sql.ast.CreateStream}, {@link dev.flinkkda.kda.sql.ast.CreatePump}); queries,
 * relations and expressions are sealed hierarchies of records. Every node carries the {@link
 * dev.flinkkda.kda.sql.ast.SourcePosition} where it starts. Names are not resolved here: {@link
 * dev.flinkkda.kda.sql.ast.Identifier} keeps the spelling and KDA's normalised name, and the
 * analyser decides what they refer to.
 */
package dev.flinkkda.kda.sql.ast;
