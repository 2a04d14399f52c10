package com.autotrader.scorecard;

/** What counts as right: a buy must gain {@code gainPct} before losing {@code stopPct}; a hold stay within the band. */
public record Thresholds(double gainPct, double stopPct, double holdBandPct) {
}
