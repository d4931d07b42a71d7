-- script-stagger.sql, a Kinesis Data Analytics for SQL application, as a Flink SQL script
-- (flink-kda translate --format sql-script). Runs unchanged in Flink 1.20.3's SQL client:
--   sql-client.sh -f THIS_FILE
--
-- Needs the flink-kda jar (ADD JAR below: replace /path/to/flink-kda.jar with its path) for:
--   - the Kinesis connector 4.3.0-1.19 with its dependencies, for SOURCE_SQL_STREAM_001 (or that connector in the cluster's lib/)
-- Not in this script: run them with flink-kda's runner instead, e.g.
--   flink run -c dev.flinkkda.kda.cli.FlinkKdaCli flink-kda.jar run script-stagger.sql --input … --schema … --output …
--   - pump STREAM_PUMP: needs flink-kda's stagger window operator (WINDOWED BY STAGGER)
-- error_stream has no SQL form: a record Flink's json/csv format cannot read, and a row
-- on which a pump's expression fails (division by zero, overflow …), stop the job instead of
-- going to error_stream (the message names the error); late rows are dropped by Flink's windows.
-- output DESTINATION_SQL_STREAM=kinesis:results: its stream is not in this script

SET 'table.local-time-zone' = 'UTC';
SET 'pipeline.name' = 'script-stagger.sql';
ADD JAR '/path/to/flink-kda.jar';

-- input stream `SOURCE_SQL_STREAM_001`: kinesis:trades, JSON (a key per column), ROWTIME arrival (watermark delay 0 ms), APPROXIMATE_ARRIVAL_TIME arrival
CREATE TABLE `SOURCE_SQL_STREAM_001` (
  `TICKER_SYMBOL` VARCHAR(4),
  `EVENT_TIME` TIMESTAMP(3),
  `PRICE` DOUBLE,
  `APPROXIMATE_ARRIVAL_TIME` TIMESTAMP(3) METADATA FROM 'timestamp' VIRTUAL,
  `ROWTIME` AS `APPROXIMATE_ARRIVAL_TIME`,
  WATERMARK FOR `ROWTIME` AS `ROWTIME` - INTERVAL '0.001' SECOND
) WITH (
  'connector' = 'kinesis',
  'stream' = 'trades',
  'aws.region' = 'eu-west-1',
  'aws.credentials.provider' = 'PROFILE',
  'aws.credentials.profile.name' = 'analytics',
  'scan.stream.initpos' = 'LATEST',
  'format' = 'json'
);

-- not in this script: `__STAGGER_STREAM_PUMP` needs flink-kda's stagger window operator (WINDOWED BY STAGGER)
-- flink-kda: stagger windows (EventTimeStaggerWindows.incremental) of 60000 ms per key (`__K0`, `__K1`), computing COUNT(`__A0`),
-- over the rows of:
-- SELECT CAST(FLOOR(`SOURCE_SQL_STREAM_001`.`EVENT_TIME` TO MINUTE) AS TIMESTAMP(3)) AS `__K0`, CAST(`SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL` AS VARCHAR(4)) AS `__K1`, CAST(`SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL` AS VARCHAR(4)) AS `__A0`, `SOURCE_SQL_STREAM_001`.`ROWTIME` AS `ROWTIME`
-- FROM `SOURCE_SQL_STREAM_001` AS `SOURCE_SQL_STREAM_001`
-- gives the view `__STAGGER_STREAM_PUMP` (`__K0`, `__K1`, `__G0`, `ROWTIME`), ROWTIME = the window close.

-- not in this script: `DESTINATION_SQL_STREAM`: it reads `__STAGGER_STREAM_PUMP`, which needs flink-kda's stagger window operator (WINDOWED BY STAGGER)
-- CREATE TEMPORARY VIEW `DESTINATION_SQL_STREAM` AS
-- SELECT CAST(`__STAGGER_STREAM_PUMP`.`__K1` AS VARCHAR(4)) AS `TICKER_SYMBOL`, CAST(`__STAGGER_STREAM_PUMP`.`__K0` AS TIMESTAMP(3)) AS `EVENT_TIME`, CAST(`__STAGGER_STREAM_PUMP`.`__G0` AS DOUBLE) AS `TICKER_COUNT`, `__STAGGER_STREAM_PUMP`.`ROWTIME` AS `ROWTIME`
-- FROM `__STAGGER_STREAM_PUMP` AS `__STAGGER_STREAM_PUMP`
