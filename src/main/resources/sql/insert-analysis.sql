INSERT INTO stock_analysis_results (
    stock_info_id, decision, confidence, reasons,
    appropriate_buy_min, appropriate_buy_max, appropriate_sell_min, appropriate_sell_max,
    buy_hope_min, buy_hope_max, sell_target_min, sell_target_max,
    detailed_text, current_price, model_name, prompt,
    prompt_tokens, completion_tokens, total_tokens, latency_ms, trace_id)
VALUES (
    (SELECT id FROM stock_info WHERE market = :#market AND symbol = :#symbol),
    :#decision, :#confidence, :#reasons,
    :#appropriate_buy_min, :#appropriate_buy_max, :#appropriate_sell_min, :#appropriate_sell_max,
    :#buy_hope_min, :#buy_hope_max, :#sell_target_min, :#sell_target_max,
    :#detailed_text, :#current_price, :#model_name, :#prompt,
    :#prompt_tokens, :#completion_tokens, :#total_tokens, :#latency_ms, :#trace_id)
