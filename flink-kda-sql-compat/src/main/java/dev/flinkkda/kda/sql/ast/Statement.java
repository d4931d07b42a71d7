package dev.flinkkda.kda.sql.ast;

/** A statement of a KDA application. */
public sealed interface Statement extends Node permits CreateStream, CreatePump {

    /** Whether it was written {@code CREATE OR REPLACE}. */
    boolean orReplace();

    /** The name of the stream or pump it creates. */
    Identifier name();
}
