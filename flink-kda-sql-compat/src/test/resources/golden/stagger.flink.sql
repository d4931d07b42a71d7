-- stagger.sql translated by flink-kda
-- input stream `SOURCE_SQL_STREAM_001` (`TICKER_SYMBOL` VARCHAR(4), `EVENT_TIME` TIMESTAMP(3), `PRICE` DOUBLE, `ROWTIME` TIMESTAMP(3) -- event time)

-- flink-kda: stagger windows (StaggerWindows.incremental) of 60000 ms per key (`__K0`, `__K1`), computing COUNT(`__A0`),
-- over the rows of:
-- SELECT FLOOR(`SOURCE_SQL_STREAM_001`.`EVENT_TIME` TO MINUTE) AS `__K0`, `SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL` AS `__K1`, `SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL` AS `__A0`, `SOURCE_SQL_STREAM_001`.`ROWTIME` AS `ROWTIME`
-- FROM `SOURCE_SQL_STREAM_001` AS `SOURCE_SQL_STREAM_001`
-- gives the view `__STAGGER_STREAM_PUMP` (`__K0`, `__K1`, `__G0`, `ROWTIME`), ROWTIME = the window close.

CREATE TEMPORARY VIEW `DESTINATION_SQL_STREAM` AS
SELECT CAST(`__K1` AS VARCHAR(4)) AS `TICKER_SYMBOL`, CAST(`__K0` AS TIMESTAMP(3)) AS `EVENT_TIME`, CAST(`__G0` AS DOUBLE) AS `TICKER_COUNT`, `ROWTIME`
FROM `__STAGGER_STREAM_PUMP`;

-- Statements:
--   2:1 CREATE STREAM "DESTINATION_SQL_STREAM": NATIVE — a view of its pump's rows
--   3:1 CREATE PUMP "STREAM_PUMP": VIA_FLINK_KDA — WINDOWED BY STAGGER → flink-kda StaggerWindows.incremental; ROWTIME = window close
