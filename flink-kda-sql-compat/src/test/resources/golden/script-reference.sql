-- Amazon Kinesis Data Analytics for SQL, Developer Guide, "Example: Adding Reference Data to a
-- Kinesis Data Analytics Application": the demo stream joined with the reference table
-- "CompanyName" (Ticker, Company), loaded from companies.csv.
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    ticker_symbol VARCHAR(4),
    "Company" varchar(20),
    sector VARCHAR(12),
    change DOUBLE,
    price DOUBLE);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
   SELECT STREAM ticker_symbol, "c"."Company", sector, change, price
   FROM "SOURCE_SQL_STREAM_001" LEFT JOIN "CompanyName" as "c"
   ON "SOURCE_SQL_STREAM_001".ticker_symbol = "c"."Ticker";
