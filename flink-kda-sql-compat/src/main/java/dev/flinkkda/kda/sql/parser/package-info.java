/**
 * The parser of Kinesis Data Analytics (KDA) for SQL applications: {@link
 * dev.flinkkda.kda.sql.parser.KdaSqlParser} turns application code into the syntax tree of {@link
 * dev.flinkkda.kda.sql.ast}, or throws {@link dev.flinkkda.kda.sql.parser.KdaSqlSyntaxException}
 * naming the line, column, offending token and expected tokens of the first error. The grammar is
 * {@code src/main/antlr4/dev/flinkkda/kda/sql/parser/KdaSql*.g4}; ANTLR generates {@code
 * KdaSqlLexer}, {@code KdaSql} and its visitor into this package at build time.
 */
package dev.flinkkda.kda.sql.parser;
