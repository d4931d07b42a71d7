-- script-row-errors.sql, a Kinesis Data Analytics for SQL application, as a Flink SQL script
-- (flink-kda translate --format sql-script). Runs unchanged in Flink 1.20.3's SQL client:
--   sql-client.sh -f THIS_FILE
--
-- Needs the flink-kda jar (ADD JAR below: replace /path/to/flink-kda.jar with its path) for:
--   - the Kinesis connector 4.3.0-1.19 with its dependencies, for SOURCE_SQL_STREAM_001, RATIOS (output) (or that connector in the cluster's lib/)
-- Every pump is in this script.
-- error_stream has no SQL form: a record Flink's json/csv format cannot read, and a row
-- on which a pump's expression fails (division by zero, overflow …), stop the job instead of
-- going to error_stream (the message names the error); late rows are dropped by Flink's windows.
-- output "error_stream"=/data/errors.jsonl: error_stream has no SQL form (see above); not in this script

SET 'table.local-time-zone' = 'UTC';
SET 'pipeline.name' = 'script-row-errors.sql';
ADD JAR '/path/to/flink-kda.jar';

-- input stream `SOURCE_SQL_STREAM_001`: kinesis:ticks, CSV (column delimiter ';'), ROWTIME processing, APPROXIMATE_ARRIVAL_TIME arrival
-- Flink's csv format reads a Kinesis record as one row: records that hold several rows need flink-kda run
CREATE TABLE `SOURCE_SQL_STREAM_001` (
  `TICKER_SYMBOL` VARCHAR(4),
  `EVENT_TIME` TIMESTAMP(3),
  `PRICE` DOUBLE,
  `APPROXIMATE_ARRIVAL_TIME` TIMESTAMP(3) METADATA FROM 'timestamp' VIRTUAL,
  `ROWTIME` AS PROCTIME()
) WITH (
  'connector' = 'kinesis',
  'stream' = 'ticks',
  'aws.region' = 'us-east-1',
  'aws.endpoint' = 'http://127.0.0.1:4567',
  'aws.credentials.provider' = 'AUTO',
  'scan.stream.initpos' = 'TRIM_HORIZON',
  'scan.shard.getrecords.intervalmillis' = '200',
  'format' = 'csv',
  'csv.field-delimiter' = ';',
  'csv.null-literal' = ''
);

-- error check of pump `RATIO_PUMP`: a row on which its expressions fail stops the job, naming the error
CREATE TEMPORARY VIEW `__PUMP_RATIO_PUMP_CHECKED` AS
SELECT `__CHECKED`.`TICKER_SYMBOL`, `__CHECKED`.`EVENT_TIME`, `__CHECKED`.`PRICE`, `__CHECKED`.`APPROXIMATE_ARRIVAL_TIME`, `__CHECKED`.`ROWTIME`
FROM (SELECT `SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL` AS `TICKER_SYMBOL`, `SOURCE_SQL_STREAM_001`.`EVENT_TIME` AS `EVENT_TIME`, `SOURCE_SQL_STREAM_001`.`PRICE` AS `PRICE`, `SOURCE_SQL_STREAM_001`.`APPROXIMATE_ARRIVAL_TIME` AS `APPROXIMATE_ARRIVAL_TIME`, `SOURCE_SQL_STREAM_001`.`ROWTIME` AS `ROWTIME`, CASE WHEN ((`SOURCE_SQL_STREAM_001`.`PRICE` > 1) IS TRUE) THEN COALESCE(CASE WHEN (NOT (((`SOURCE_SQL_STREAM_001`.`PRICE` * 100) > -2147483648.5) AND ((`SOURCE_SQL_STREAM_001`.`PRICE` * 100) < 2147483647.5))) THEN 'NUMERIC_OVERFLOW|value out of the range of INT' END, CASE WHEN ((`SOURCE_SQL_STREAM_001`.`PRICE` = 0) IS NOT TRUE) THEN CASE WHEN (`SOURCE_SQL_STREAM_001`.`PRICE` = 0) THEN 'DIVISION_BY_ZERO|division by zero' END END) END AS `__KDA_ERROR`
FROM `SOURCE_SQL_STREAM_001` AS `SOURCE_SQL_STREAM_001`) AS `__CHECKED`
WHERE CASE WHEN `__CHECKED`.`__KDA_ERROR` IS NULL THEN TRUE ELSE CAST(CONCAT('flink-kda: pump "RATIO_PUMP": ', `__CHECKED`.`__KDA_ERROR`) AS BOOLEAN) END;

CREATE TEMPORARY VIEW `RATIOS` AS
SELECT CAST(`SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL` AS VARCHAR(4)) AS `TICKER_SYMBOL`, CAST((`SOURCE_SQL_STREAM_001`.`PRICE` / 4) AS DOUBLE) AS `PER_UNIT`, CAST(CAST(ROUND((`SOURCE_SQL_STREAM_001`.`PRICE` * 100), 0) AS INT) AS INT) AS `CENTS`, CAST(CASE WHEN (`SOURCE_SQL_STREAM_001`.`PRICE` = 0) THEN 0 ELSE (1 / `SOURCE_SQL_STREAM_001`.`PRICE`) END AS DOUBLE) AS `GUARDED`, `SOURCE_SQL_STREAM_001`.`ROWTIME` AS `ROWTIME`
FROM `__PUMP_RATIO_PUMP_CHECKED` AS `SOURCE_SQL_STREAM_001`
WHERE (`SOURCE_SQL_STREAM_001`.`PRICE` > 1);

-- error check of pump `MINUTE_PUMP`: a row on which its expressions fail stops the job, naming the error
CREATE TEMPORARY VIEW `__PUMP_MINUTE_PUMP_CHECKED` AS
SELECT `__CHECKED`.`TICKER_SYMBOL`, `__CHECKED`.`EVENT_TIME`, `__CHECKED`.`PRICE`, `__CHECKED`.`APPROXIMATE_ARRIVAL_TIME`, `__CHECKED`.`ROWTIME`
FROM (SELECT `SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL` AS `TICKER_SYMBOL`, `SOURCE_SQL_STREAM_001`.`EVENT_TIME` AS `EVENT_TIME`, `SOURCE_SQL_STREAM_001`.`PRICE` AS `PRICE`, `SOURCE_SQL_STREAM_001`.`APPROXIMATE_ARRIVAL_TIME` AS `APPROXIMATE_ARRIVAL_TIME`, `SOURCE_SQL_STREAM_001`.`ROWTIME` AS `ROWTIME`, CASE WHEN (`SOURCE_SQL_STREAM_001`.`PRICE` = 0) THEN 'DIVISION_BY_ZERO|division by zero' END AS `__KDA_ERROR`
FROM `SOURCE_SQL_STREAM_001` AS `SOURCE_SQL_STREAM_001`) AS `__CHECKED`
WHERE CASE WHEN `__CHECKED`.`__KDA_ERROR` IS NULL THEN TRUE ELSE CAST(CONCAT('flink-kda: pump "MINUTE_PUMP": ', `__CHECKED`.`__KDA_ERROR`) AS BOOLEAN) END;

CREATE TEMPORARY VIEW `__PUMP_MINUTE_PUMP` AS
SELECT CAST(`SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL` AS VARCHAR(4)) AS `TICKER_SYMBOL`, CAST(SUM((1 / `SOURCE_SQL_STREAM_001`.`PRICE`)) AS DOUBLE) AS `INVERSE`, `SOURCE_SQL_STREAM_001`.`window_end` AS `ROWTIME`
FROM TABLE(TUMBLE(TABLE `__PUMP_MINUTE_PUMP_CHECKED`, DESCRIPTOR(`ROWTIME`), INTERVAL '1' MINUTE)) AS `SOURCE_SQL_STREAM_001`
GROUP BY `SOURCE_SQL_STREAM_001`.`window_start`, `SOURCE_SQL_STREAM_001`.`window_end`, `SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL`;

CREATE TEMPORARY VIEW `PER_MINUTE` AS
SELECT * FROM `__PUMP_MINUTE_PUMP`;

CREATE TEMPORARY VIEW `PLAIN` AS
SELECT CAST(`SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL` AS VARCHAR(4)) AS `TICKER_SYMBOL`, CAST((`SOURCE_SQL_STREAM_001`.`PRICE` * 2) AS DOUBLE) AS `DOUBLED`, `SOURCE_SQL_STREAM_001`.`ROWTIME` AS `ROWTIME`
FROM `SOURCE_SQL_STREAM_001` AS `SOURCE_SQL_STREAM_001`;

-- output RATIOS=kinesis:ratios, JSON
-- partition key: random (the connector's default); flink-kda run uses a hash of the row
-- an emulator on this machine: HTTP/1.1, and the TaskManagers need -Daws.cborEnabled=false (else the sink writes nothing)
CREATE TABLE `RATIOS__OUTPUT` (
  `ROWTIME` TIMESTAMP(3),
  `TICKER_SYMBOL` VARCHAR(4),
  `PER_UNIT` DOUBLE,
  `CENTS` INT,
  `GUARDED` DOUBLE
) WITH (
  'connector' = 'kinesis',
  'stream' = 'ratios',
  'aws.region' = 'us-east-1',
  'aws.endpoint' = 'http://127.0.0.1:4567',
  'aws.credentials.provider' = 'AUTO',
  'sink.http-client.protocol.version' = 'HTTP1_1',
  'format' = 'json'
);

-- output PER_MINUTE=-, JSON
-- stdout: Flink's print connector, on the TaskManagers' stdout (+I[…] rows)
CREATE TABLE `PER_MINUTE__OUTPUT` (
  `ROWTIME` TIMESTAMP(3),
  `TICKER_SYMBOL` VARCHAR(4),
  `INVERSE` DOUBLE
) WITH (
  'connector' = 'print'
);

-- output PLAIN=/data/plain.jsonl, JSON
-- Flink's filesystem sink writes a directory of part files at this path, committed at each checkpoint (SET 'execution.checkpointing.interval') or when a bounded input ends
CREATE TABLE `PLAIN__OUTPUT` (
  `ROWTIME` TIMESTAMP(3),
  `TICKER_SYMBOL` VARCHAR(4),
  `DOUBLED` DOUBLE
) WITH (
  'connector' = 'filesystem',
  'path' = '/data/plain.jsonl',
  'format' = 'json'
);

EXECUTE STATEMENT SET
BEGIN
INSERT INTO `RATIOS__OUTPUT`
SELECT CAST(`ROWTIME` AS TIMESTAMP(3)), `TICKER_SYMBOL`, `PER_UNIT`, `CENTS`, `GUARDED` FROM `RATIOS`;
INSERT INTO `PER_MINUTE__OUTPUT`
SELECT CAST(`ROWTIME` AS TIMESTAMP(3)), `TICKER_SYMBOL`, `INVERSE` FROM `PER_MINUTE`;
INSERT INTO `PLAIN__OUTPUT`
SELECT CAST(`ROWTIME` AS TIMESTAMP(3)), `TICKER_SYMBOL`, `DOUBLED` FROM `PLAIN`;
END;
