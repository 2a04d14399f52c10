SELECT v.*, r.detailed_text, r.prompt
FROM analysis_results_view v JOIN stock_analysis_results r ON r.id = v.id
WHERE v.id = :#id
