package com.autotrader.market;

import java.time.LocalDateTime;

/** One OHLCV bar; time is the bar's start in the exchange's local time (KST for Upbit). */
public record Candle(LocalDateTime time, double open, double high, double low, double close, double volume) {
}
