/**
 * Kinesis Data Analytics' analytic table functions as Flink operators, usable from the DataStream
 * API and by the KDA translator: Random Cut Forest anomaly scores ({@code rcf}), hotspots ({@code
 * hotspots}), distinct counts and top-K items per tumbling window ({@code sketches}).
 */
package dev.flinkkda.analytics;
