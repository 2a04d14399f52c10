SELECT COUNT(*) AS total
FROM stock_analysis_results r JOIN stock_info s ON s.id = r.stock_info_id
WHERE (CAST(:#market AS VARCHAR(16)) IS NULL OR s.market = :#market)
  AND (CAST(:#symbol AS VARCHAR(32)) IS NULL OR s.symbol = :#symbol)
  AND (CAST(:#decision AS VARCHAR(8)) IS NULL OR r.decision = :#decision)
