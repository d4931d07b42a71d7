/**
 * The columns of an input stream or reference table: {@link dev.flinkkda.kda.schema.KdaSchema} from
 * a text such as {@code TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE}, with KDA's types mapped to Flink's
 * by {@link dev.flinkkda.kda.sql.types.KdaTypes}, and KDA's identifier rules ({@link
 * dev.flinkkda.kda.schema.KdaNames}).
 */
package dev.flinkkda.kda.schema;
