SELECT r.id, r.decision, r.confidence, r.current_price, r.created_at,
       r.appropriate_buy_min, r.appropriate_buy_max, r.appropriate_sell_min, r.appropriate_sell_max,
       s.market, s.symbol
FROM stock_analysis_results r JOIN stock_info s ON s.id = r.stock_info_id
WHERE r.created_at <= :#cutoff
  AND NOT EXISTS (SELECT 1 FROM decision_scores d
                  WHERE d.analysis_id = r.id AND d.horizon_days = :#horizon AND d.status = 'scored')
ORDER BY r.id
LIMIT :#limit
