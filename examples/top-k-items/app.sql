-- The most traded ticker symbols of each minute, with KDA's TOP_K_ITEMS_TUMBLING
-- (the shape of AWS's SQL reference example for the function).
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    "ITEM"       VARCHAR(1024),
    "ITEM_COUNT" DOUBLE);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM *
    FROM TABLE(TOP_K_ITEMS_TUMBLING(
        CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"),
        'TICKER_SYMBOL',  -- the column whose values are counted
        2,                -- how many items each window reports
        60));             -- the tumbling window, in seconds
