-- script-step.sql, a Kinesis Data Analytics for SQL application, as a Flink SQL script
-- (flink-kda translate --format sql-script). Runs unchanged in Flink 1.20.3's SQL client:
--   sql-client.sh -f THIS_FILE
--
-- Needs nothing but Flink: no flink-kda jar.
-- Every pump is in this script.
-- error_stream has no SQL form: a record Flink's json/csv format cannot read, and a row
-- on which a pump's expression fails (division by zero, overflow …), stop the job instead of
-- going to error_stream (the message names the error); late rows are dropped by Flink's windows.

SET 'table.local-time-zone' = 'UTC';
SET 'pipeline.name' = 'script-step.sql';

-- input stream `SOURCE_SQL_STREAM_001`: /data/trades.jsonl, JSON (RecordRowPath $, JSONPath mappings), ROWTIME field:ROWTIME (watermark delay 5000 ms), APPROXIMATE_ARRIVAL_TIME field:APPROXIMATE_ARRIVAL_TIME
CREATE TABLE `SOURCE_SQL_STREAM_001__RECORDS` (
  `EVENT_TIME` TIMESTAMP(3),
  `ROWTIME` TIMESTAMP(3),
  `ticker` ROW<`symbol` VARCHAR(4)>,
  `trade` ROW<`price` DOUBLE>,
  `APPROXIMATE_ARRIVAL_TIME` TIMESTAMP(3),
  WATERMARK FOR `ROWTIME` AS `ROWTIME` - INTERVAL '5.001' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '/data/trades.jsonl',
  'format' = 'json'
);
CREATE TEMPORARY VIEW `SOURCE_SQL_STREAM_001` AS
SELECT `r`.`ticker`.`symbol` AS `TICKER_SYMBOL`, `r`.`EVENT_TIME`, `r`.`trade`.`price` AS `PRICE`, COALESCE(CAST(`r`.`APPROXIMATE_ARRIVAL_TIME` AS TIMESTAMP(3)), CAST(`r`.`ROWTIME` AS TIMESTAMP(3))) AS `APPROXIMATE_ARRIVAL_TIME`, `r`.`ROWTIME`
FROM `SOURCE_SQL_STREAM_001__RECORDS` AS `r`;

-- `ROWTIME` (KDA's ROWTIME of these rows, e.g. a window's end) is a value here: no later step needs it as event time
CREATE TEMPORARY VIEW `__PUMP_STREAM_PUMP` AS
SELECT CAST(`SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL` AS VARCHAR(4)) AS `TICKER_SYMBOL`, CAST(FLOOR(`SOURCE_SQL_STREAM_001`.`EVENT_TIME` TO MINUTE) AS TIMESTAMP(3)) AS `EVENT_TIME`, CAST(COUNT(`SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL`) AS DOUBLE) AS `TICKER_COUNT`, `SOURCE_SQL_STREAM_001`.`window_end` AS `ROWTIME`
FROM TABLE(TUMBLE(TABLE `SOURCE_SQL_STREAM_001`, DESCRIPTOR(`ROWTIME`), INTERVAL '1' MINUTE)) AS `SOURCE_SQL_STREAM_001`
GROUP BY `SOURCE_SQL_STREAM_001`.`window_start`, `SOURCE_SQL_STREAM_001`.`window_end`, `SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL`, FLOOR(`SOURCE_SQL_STREAM_001`.`EVENT_TIME` TO MINUTE);

CREATE TEMPORARY VIEW `DESTINATION_SQL_STREAM` AS
SELECT * FROM `__PUMP_STREAM_PUMP`;

-- output DESTINATION_SQL_STREAM=/data/minutes.csv, CSV
-- Flink's filesystem sink writes a directory of part files at this path, committed at each checkpoint (SET 'execution.checkpointing.interval') or when a bounded input ends
CREATE TABLE `DESTINATION_SQL_STREAM__OUTPUT` (
  `ROWTIME` TIMESTAMP(3),
  `TICKER_SYMBOL` VARCHAR(4),
  `EVENT_TIME` TIMESTAMP(3),
  `TICKER_COUNT` DOUBLE
) WITH (
  'connector' = 'filesystem',
  'path' = '/data/minutes.csv',
  'format' = 'csv'
);

EXECUTE STATEMENT SET
BEGIN
INSERT INTO `DESTINATION_SQL_STREAM__OUTPUT`
SELECT `ROWTIME`, `TICKER_SYMBOL`, `EVENT_TIME`, `TICKER_COUNT` FROM `DESTINATION_SQL_STREAM`;
END;
