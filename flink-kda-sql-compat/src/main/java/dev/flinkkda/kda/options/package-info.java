/**
 * The options of {@code flink-kda run}, {@code translate} and {@code validate} ({@link
 * dev.flinkkda.kda.options.RunOptions}): inputs, outputs, reference tables, {@code ROWTIME} and the
 * job's settings.
 */
package dev.flinkkda.kda.options;
