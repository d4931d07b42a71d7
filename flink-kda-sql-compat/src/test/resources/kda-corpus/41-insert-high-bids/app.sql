CREATE OR REPLACE STREAM "highBids" ("ticker" VARCHAR(4), "shares" INTEGER, "price" DOUBLE);

 CREATE PUMP "HighBidsPump" AS INSERT INTO "highBids" ( "ticker", "shares", "price")
 SELECT  "ticker", "shares", "price"
 FROM SALES.bids
 WHERE "shares"*"price">100000
