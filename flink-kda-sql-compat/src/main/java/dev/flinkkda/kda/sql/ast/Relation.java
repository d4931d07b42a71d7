package dev.flinkkda.kda.sql.ast;

/** What a query reads: a stream or table, a subquery, a table function, or a join of them. */
public sealed interface Relation extends Node
        permits StreamReference, SubqueryRelation, TableFunctionRelation, Join {}
