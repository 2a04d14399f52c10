UPDATE stock_info SET name = :#name, updated_at = CURRENT_TIMESTAMP
WHERE market = :#market AND symbol = :#symbol AND name <> :#name
