/**
 * A KDA application's configuration JSON — the {@code CreateApplication} request or the output of
 * {@code describe-application} — read into one immutable model ({@link
 * dev.flinkkda.kda.config.ApplicationConfig}), checked before the job starts with one error per
 * problem naming its JSON path ({@code application.json: $.Inputs[0].InputSchema.RecordColumns[3]
 * .SqlType: …}), and turned into the options of {@code flink-kda run} ({@link
 * dev.flinkkda.kda.config.ConfigRunOptions}).
 */
package dev.flinkkda.kda.config;
