package com.autotrader.market;

/**
 * A stock's valuation figures, each null when the source does not give it. {@code marketCap} is in the
 * quote currency (KIS reports 억 원, the parser converts); 52-week extremes travel in the {@link Ticker}.
 */
public record Fundamentals(Double per, Double pbr, Double eps, Double bps, Double marketCap, Double dividendYield) {

    public boolean isEmpty() {
        return per == null && pbr == null && eps == null && bps == null && marketCap == null && dividendYield == null;
    }
}
