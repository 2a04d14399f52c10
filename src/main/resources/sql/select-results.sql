SELECT * FROM analysis_results_view
WHERE (CAST(:#market AS VARCHAR(16)) IS NULL OR market = :#market)
  AND (CAST(:#symbol AS VARCHAR(32)) IS NULL OR symbol = :#symbol)
  AND (CAST(:#decision AS VARCHAR(8)) IS NULL OR decision = :#decision)
ORDER BY created_at DESC, id DESC
LIMIT :#limit OFFSET :#offset
