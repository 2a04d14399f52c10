-- insert-if-absent, in a form both PostgreSQL and H2 accept (H2 has no ON CONFLICT)
INSERT INTO stock_info (market, asset_type, symbol, name)
SELECT CAST(:#market AS VARCHAR(16)), CAST(:#asset_type AS VARCHAR(16)), CAST(:#symbol AS VARCHAR(32)),
       CAST(:#name AS VARCHAR(100))
WHERE NOT EXISTS (SELECT 1 FROM stock_info WHERE market = :#market AND symbol = :#symbol)
