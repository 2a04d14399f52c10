package com.autotrader.trading;

import com.autotrader.analysis.PriceRange;

/** The part of a stored analysis that trading acts on. */
public record TradeSignal(long analysisId, String market, String name, String decision, int confidence,
                          PriceRange appropriateBuy, PriceRange appropriateSell,
                          PriceRange buyHope, PriceRange sellTarget, String modelName) {

    /** The coin's currency: KRW-BTC → BTC. */
    public String currency() {
        return market.substring(market.indexOf('-') + 1);
    }
}
