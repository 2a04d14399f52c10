package com.autotrader.market;

import java.util.List;
import java.util.Map;

/**
 * Everything collected for one analysis: daily candles and short-term candles oldest first,
 * keyed by minute unit, and the ticker.
 */
public record MarketSnapshot(Instrument instrument, List<Candle> daily, Map<Integer, List<Candle>> minutes,
                             Ticker ticker) {

    public double currentPrice() {
        return ticker.tradePrice();
    }
}
