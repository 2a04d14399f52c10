SELECT d.horizon_days, d.status, d.hit, d.buy_range_filled, d.sell_range_filled,
       v.model_name, v.market, v.decision, v.confidence
FROM decision_scores d JOIN analysis_results_view v ON v.id = d.analysis_id
