package com.autotrader.scorecard;

/**
 * The outcome of one analysis at one horizon. {@code status} "scored" (final) or "missing" (the candles do not
 * cover the horizon yet: nothing is guessed, the row may be scored later). Percentages are against the
 * analysed price; null when missing.
 */
public record Score(long analysisId, int horizonDays, String status, Boolean hit, Boolean buyRangeFilled,
                    Boolean sellRangeFilled, Double maxGainPct, Double maxLossPct, Double closeChangePct) {

    public static final String SCORED = "scored";
    public static final String MISSING = "missing";

    public static Score missing(long analysisId, int horizonDays) {
        return new Score(analysisId, horizonDays, MISSING, null, null, null, null, null, null);
    }
}
