SELECT MAX(trade_date) FROM candles WHERE market = :#market AND symbol = :#symbol
