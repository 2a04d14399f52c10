package com.autotrader.scorecard;

import com.autotrader.analysis.PriceRange;

import java.time.LocalDate;

/** The prediction of one stored analysis: its decision and confidence, the price it saw, its day and ranges. */
public record ScoringInput(long analysisId, String decision, int confidence, double price, LocalDate analysisDay,
                           PriceRange appropriateBuy, PriceRange appropriateSell) {
}
