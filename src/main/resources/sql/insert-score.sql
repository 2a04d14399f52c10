INSERT INTO decision_scores (analysis_id, horizon_days, status, hit, buy_range_filled, sell_range_filled,
                             max_gain_pct, max_loss_pct, close_change_pct)
SELECT :#analysis_id, :#horizon_days, :#status, :#hit, :#buy_range_filled, :#sell_range_filled,
       :#max_gain_pct, :#max_loss_pct, :#close_change_pct
WHERE NOT EXISTS (SELECT 1 FROM decision_scores WHERE analysis_id = :#analysis_id AND horizon_days = :#horizon_days)
