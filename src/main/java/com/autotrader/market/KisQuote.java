package com.autotrader.market;

/**
 * One KIS domestic price answer: the price figures, the valuation figures KIS sends in the same call,
 * and the Korean name when present (null otherwise), so one request fills all three.
 */
public record KisQuote(Ticker ticker, Fundamentals fundamentals, String name) {
}
