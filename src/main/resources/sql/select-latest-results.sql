SELECT r.id, s.market, s.asset_type, s.symbol, s.name, r.decision, r.confidence, r.reasons,
       r.appropriate_buy_min, r.appropriate_buy_max, r.appropriate_sell_min, r.appropriate_sell_max,
       r.buy_hope_min, r.buy_hope_max, r.sell_target_min, r.sell_target_max,
       r.current_price, r.model_name, r.prompt_tokens, r.completion_tokens, r.total_tokens,
       r.latency_ms, r.trace_id, r.created_at
FROM stock_analysis_results r JOIN stock_info s ON s.id = r.stock_info_id
WHERE r.id IN (SELECT MAX(id) FROM stock_analysis_results GROUP BY stock_info_id)
  AND (CAST(:#market AS VARCHAR(16)) IS NULL OR s.market = :#market)
ORDER BY s.market, s.symbol
