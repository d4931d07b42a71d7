package dev.flinkkda.kda.sql.ast;

/**
 * The window of {@code aggregate(...) OVER ...}: an inline specification or the name of a window of
 * the {@code WINDOW} clause.
 */
public sealed interface Over extends Node permits WindowSpec, WindowReference {}
