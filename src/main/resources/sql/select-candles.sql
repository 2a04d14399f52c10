SELECT trade_date, open_price, high_price, low_price, close_price
FROM candles
WHERE market = :#market AND symbol = :#symbol AND trade_date > :#from_day AND trade_date <= :#to_day
ORDER BY trade_date
