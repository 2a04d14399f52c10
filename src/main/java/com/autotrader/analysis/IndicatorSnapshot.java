package com.autotrader.analysis;

import java.util.Map;

/**
 * The indicators of the newest daily bar. A value is null where the history is too short to compute it
 * (a coin listed 30 days ago has no SMA 60), so a prompt never shows a number that means nothing.
 */
public record IndicatorSnapshot(
        double close, Double changePct, double volume, Double volumeChangePct,
        Double macd, Double macdSignal, Double macdHistogram, Double previousMacdHistogram,
        Double rsi,
        Double bollingerUpper, Double bollingerMiddle, Double bollingerLower, Double bollingerWidthPct,
        Double stochasticK, Double stochasticD,
        Map<Integer, Double> priceSma, Map<Integer, Double> volumeSma) {
}
