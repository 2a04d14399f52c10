SELECT s.market, r.decision, COUNT(*) AS total, AVG(CAST(r.confidence AS DOUBLE PRECISION)) AS average_confidence,
       MAX(r.created_at) AS latest_at
FROM stock_analysis_results r JOIN stock_info s ON s.id = r.stock_info_id
GROUP BY s.market, r.decision
ORDER BY s.market, r.decision
