package dev.flinkkda.kda.sql.ast;

/** A query: a {@code SELECT} or a {@code UNION} of queries. */
public sealed interface Query extends Node permits Select, Union {}
