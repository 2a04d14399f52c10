package com.autotrader.market;

import com.autotrader.api.UpstreamException;

import java.util.List;
import java.util.Map;

/**
 * Everything collected for one analysis: daily candles and short-term candles oldest first,
 * keyed by minute unit (none for stocks), the ticker and, for stocks, the fundamentals (null for coins).
 */
public record MarketSnapshot(Instrument instrument, List<Candle> daily, Map<Integer, List<Candle>> minutes,
                             Ticker ticker, Fundamentals fundamentals) {

    /**
     * A quote more than this many times away from the last daily close is a broken feed, not a market move (no
     * listed coin or stock moves tenfold within a day): it must not become a decision or an order.
     */
    static final double ABSURD_RATIO = 10;

    public MarketSnapshot {
        if (ticker != null && daily != null && !daily.isEmpty()) {
            double lastClose = daily.get(daily.size() - 1).close();
            double ratio = ticker.tradePrice() / lastClose;
            if (!(ratio <= ABSURD_RATIO && ratio >= 1 / ABSURD_RATIO)) {
                throw UpstreamException.badData(instrument.market(), "the current price " + ticker.tradePrice()
                        + " of " + instrument.symbol() + " is absurd next to its last close " + lastClose);
            }
        }
    }

    /** Without fundamentals (coins). */
    public MarketSnapshot(Instrument instrument, List<Candle> daily, Map<Integer, List<Candle>> minutes, Ticker ticker) {
        this(instrument, daily, minutes, ticker, null);
    }

    public double currentPrice() {
        return ticker.tradePrice();
    }
}
