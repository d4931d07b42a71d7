package dev.flinkkda.kda.sql.ast;

/** An item of a select list: an expression with an optional alias, {@code *} or {@code t.*}. */
public sealed interface SelectItem extends Node permits SelectExpression, AllColumns {}
