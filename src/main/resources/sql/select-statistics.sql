SELECT market, decision, COUNT(*) AS total, AVG(CAST(confidence AS DOUBLE PRECISION)) AS average_confidence,
       MAX(created_at) AS latest_at
FROM analysis_results_view
GROUP BY market, decision
ORDER BY market, decision
