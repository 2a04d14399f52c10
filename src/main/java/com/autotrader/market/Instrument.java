package com.autotrader.market;

/**
 * What is analysed: {@code market} is the data source (upbit, yahoo, kis), {@code assetType} the label
 * used in metrics (crypto, equity_us, equity_kr), {@code symbol} the source's own code (KRW-BTC).
 */
public record Instrument(String market, String assetType, String symbol, String name) {

    public static Instrument upbit(String symbol, String koreanName) {
        return new Instrument("upbit", "crypto", symbol, koreanName);
    }

    /** The ticker part of a symbol: BTC for KRW-BTC. */
    public String shortSymbol() {
        int dash = symbol.indexOf('-');
        return dash < 0 ? symbol : symbol.substring(dash + 1);
    }
}
