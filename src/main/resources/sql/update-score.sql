UPDATE decision_scores
SET status = :#status, hit = :#hit, buy_range_filled = :#buy_range_filled, sell_range_filled = :#sell_range_filled,
    max_gain_pct = :#max_gain_pct, max_loss_pct = :#max_loss_pct, close_change_pct = :#close_change_pct,
    scored_at = CURRENT_TIMESTAMP
WHERE analysis_id = :#analysis_id AND horizon_days = :#horizon_days AND status = 'missing'
