/**
 * The Kinesis connector as flink-kda uses it: settings ({@link
 * dev.flinkkda.kda.kinesis.KinesisSettings}), the records' deserialisation with their arrival time,
 * and the JVM settings the connector needs.
 */
package dev.flinkkda.kda.kinesis;
