package com.autotrader.market;

import java.util.List;

/**
 * One Yahoo Finance chart answer: the instrument, its daily candles oldest first (exchange local time),
 * the latest quote as a {@link Ticker}, and the quote currency (null when Yahoo does not say).
 */
public record YahooChart(Instrument instrument, List<Candle> daily, Ticker ticker, String currency) {
}
