SELECT * FROM analysis_results_view
WHERE id IN (SELECT MAX(id) FROM stock_analysis_results GROUP BY stock_info_id)
  AND (CAST(:#market AS VARCHAR(16)) IS NULL OR market = :#market)
ORDER BY market, symbol
