package com.autotrader.market;

import java.time.Instant;

/** The latest trade and 24-hour figures of one market. */
public record Ticker(String market, double tradePrice, double prevClosingPrice, double signedChangeRate,
                     double accTradeVolume24h, double highest52Week, double lowest52Week, Instant timestamp) {
}
