package com.autotrader.scorecard;

import java.time.LocalDate;

/** One stored daily candle (the candles table): the exchange's own calendar day. */
public record DailyBar(LocalDate day, double open, double high, double low, double close) {
}
