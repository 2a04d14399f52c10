package com.autotrader.market;

import java.util.List;
import java.util.Map;

/**
 * Everything collected for one analysis: daily candles and short-term candles oldest first,
 * keyed by minute unit (none for stocks), the ticker and, for stocks, the fundamentals (null for coins).
 */
public record MarketSnapshot(Instrument instrument, List<Candle> daily, Map<Integer, List<Candle>> minutes,
                             Ticker ticker, Fundamentals fundamentals) {

    /** Without fundamentals (coins). */
    public MarketSnapshot(Instrument instrument, List<Candle> daily, Map<Integer, List<Candle>> minutes, Ticker ticker) {
        this(instrument, daily, minutes, ticker, null);
    }

    public double currentPrice() {
        return ticker.tradePrice();
    }
}
