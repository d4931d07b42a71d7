/**
 * Heart-rate anomalies per workout: a sample record is
 * {"heartRate": 70, "elevation": 40, "workoutId": 1, "age": 50, "userId": 2,
 *  "rateType": "NORMAL", "height": 180, "speed": 3, "cadence": 80}
 */
--the scored records
CREATE OR REPLACE STREAM "HEART_RATE_TEMP_STREAM" (
          "heartRate"        INTEGER,
          "speed"            INTEGER,
          "age"              INTEGER,
          "userId"           varchar(20),
          "workoutId"        varchar(20),
          "rateType"         varchar(20),
          "ANOMALY_SCORE"    DOUBLE);

--the output
CREATE OR REPLACE STREAM "HEART_RATE_DESTINATION_SQL_STREAM" (
          "heartRate"        INTEGER,
          "speed"            INTEGER,
          "age"              INTEGER,
          "userId"           varchar(20),
          "workoutId"        varchar(20),
          "rateType"         varchar(20),
          "eventTime"        timestamp,
          "ANOMALY_SCORE"    DOUBLE);

-- a score for every record, with a shingle of 15
CREATE OR REPLACE PUMP "HEART_RATE_STREAM_PUMP" AS
   INSERT INTO "HEART_RATE_TEMP_STREAM"
      SELECT STREAM "heartRate","speed","age","userId","workoutId","rateType", ANOMALY_SCORE
      FROM TABLE(RANDOM_CUT_FOREST(
              CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"),400,400,20000,15));

-- highest score first within each second
CREATE OR REPLACE PUMP "HEART_RATE_OUTPUT_PUMP" AS
   INSERT INTO "HEART_RATE_DESTINATION_SQL_STREAM"
      SELECT STREAM "heartRate","speed","age","userId","workoutId","rateType",STEP("HEART_RATE_TEMP_STREAM".ROWTIME BY INTERVAL '60' SECOND) AS "eventTime", ANOMALY_SCORE FROM "HEART_RATE_TEMP_STREAM"
      ORDER BY FLOOR("HEART_RATE_TEMP_STREAM".ROWTIME TO SECOND), ANOMALY_SCORE DESC;
