package com.autotrader.scorecard;

import com.autotrader.analysis.PriceRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-built candles around a price of 100 with 3 % thresholds: target 103, stop 97, hold band [97, 103].
 * Day offsets are calendar days after the analysis day.
 */
class DecisionScorerTest {

    private static final long ID = 42;
    private static final double P0 = 100;
    private static final LocalDate DAY = LocalDate.of(2024, 3, 4);
    private static final PriceRange BUY_RANGE = new PriceRange(98, 99);
    private static final PriceRange SELL_RANGE = new PriceRange(102, 104);

    private final DecisionScorer scorer = new DecisionScorer(new Thresholds(3, 3, 3));

    private static DailyBar bar(int offset, double high, double low, double close) {
        return new DailyBar(DAY.plusDays(offset), close, high, low, close);
    }

    private static DailyBar flat(int offset) {
        return bar(offset, 101, 99.5, 100);
    }

    private static ScoringInput input(String decision) {
        return new ScoringInput(ID, decision, 60, P0, DAY, BUY_RANGE, SELL_RANGE);
    }

    /** Seven days of candles: day 1 given, days 2..7 flat unless replaced. */
    private static List<DailyBar> week(DailyBar... firstDays) {
        List<DailyBar> bars = new ArrayList<>(List.of(firstDays));
        for (int d = firstDays.length + 1; d <= 7; d++) {
            bars.add(flat(d));
        }
        return bars;
    }

    private Score score(String decision, int horizon, List<DailyBar> bars) {
        return scorer.score(input(decision), horizon, bars, DAY.plusDays(7));
    }

    // ---- buy ----

    @ParameterizedTest(name = "horizon {0} -> hit {1}")
    @CsvSource({"1, false", "3, true", "7, true"})
    void buyHitsWhenPriceRisesThreePercentOnDayTwo(int horizon, boolean expected) {
        List<DailyBar> bars = week(flat(1), bar(2, 103.5, 100, 103));

        Score s = score("buy", horizon, bars);

        assertThat(s.status()).isEqualTo(Score.SCORED);
        assertThat(s.hit()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "horizon {0}")
    @ValueSource(ints = {1, 3, 7})
    void buyMissesWhenStopComesFirstEvenIfTargetFollows(int horizon) {
        List<DailyBar> bars = week(bar(1, 100, 96.9, 97.5), bar(2, 104, 98, 103.8));

        assertThat(score("buy", horizon, bars).hit()).isFalse();
    }

    @ParameterizedTest(name = "horizon {0}")
    @ValueSource(ints = {1, 3, 7})
    void buyDayTouchingTargetAndStopIsAMissAndEndsTheWalk(int horizon) {
        List<DailyBar> bars = week(bar(1, 103.5, 96.5, 100), bar(2, 105, 100, 104));

        assertThat(score("buy", horizon, bars).hit()).isFalse();
    }

    @ParameterizedTest(name = "horizon {0}")
    @ValueSource(ints = {1, 3, 7})
    void buyMissesWhenNeitherTargetNorStopIsReached(int horizon) {
        List<DailyBar> bars = week(bar(1, 102.9, 97.1, 101), bar(2, 102.99, 97.01, 99));

        Score s = score("buy", horizon, bars);

        assertThat(s.status()).isEqualTo(Score.SCORED);
        assertThat(s.hit()).isFalse();
    }

    @Test
    void buyTargetIsInclusive() {
        assertThat(score("buy", 1, List.of(bar(1, 103, 99, 102))).hit()).isTrue();
    }

    @Test
    void buyStopIsInclusive() {
        assertThat(score("buy", 3, List.of(bar(1, 100, 97, 98), bar(2, 104, 99, 103))).hit()).isFalse();
    }

    // ---- sell ----

    @ParameterizedTest(name = "horizon {0} -> hit {1}")
    @CsvSource({"1, false", "3, true", "7, true"})
    void sellHitsWhenPriceFallsThreePercentOnDayTwo(int horizon, boolean expected) {
        List<DailyBar> bars = week(flat(1), bar(2, 100, 96.5, 97));

        Score s = score("sell", horizon, bars);

        assertThat(s.status()).isEqualTo(Score.SCORED);
        assertThat(s.hit()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "horizon {0}")
    @ValueSource(ints = {1, 3, 7})
    void sellMissesWhenPriceRisesFirstEvenIfItFallsLater(int horizon) {
        List<DailyBar> bars = week(bar(1, 103.2, 100, 103), bar(2, 101, 95, 95.5));

        assertThat(score("sell", horizon, bars).hit()).isFalse();
    }

    @ParameterizedTest(name = "horizon {0}")
    @ValueSource(ints = {1, 3, 7})
    void sellDayTouchingBothIsAMiss(int horizon) {
        List<DailyBar> bars = week(bar(1, 103.5, 96.5, 100), bar(2, 100, 94, 95));

        assertThat(score("sell", horizon, bars).hit()).isFalse();
    }

    @ParameterizedTest(name = "horizon {0}")
    @ValueSource(ints = {1, 3, 7})
    void sellMissesWhenNeitherIsReached(int horizon) {
        assertThat(score("sell", horizon, week(flat(1))).hit()).isFalse();
    }

    @Test
    void sellTargetIsInclusive() {
        assertThat(score("sell", 1, List.of(bar(1, 101, 97, 98))).hit()).isTrue();
    }

    // ---- hold ----

    @ParameterizedTest(name = "horizon {0}")
    @ValueSource(ints = {1, 3, 7})
    void holdHitsWhenEveryBarStaysInTheBand(int horizon) {
        List<DailyBar> bars = week(bar(1, 102.5, 97.5, 101), bar(2, 101, 98, 99));

        assertThat(score("hold", horizon, bars).hit()).isTrue();
    }

    @ParameterizedTest(name = "horizon {0} -> hit {1}")
    @CsvSource({"1, true", "3, false", "7, false"})
    void holdBreakingTheBandOnDayThreeMissesOnlyFromDayThree(int horizon, boolean expected) {
        List<DailyBar> bars = week(flat(1), flat(2), bar(3, 103.5, 100, 103));

        assertThat(score("hold", horizon, bars).hit()).isEqualTo(expected);
    }

    @Test
    void holdBreakingTheBandDownwardsIsAMiss() {
        assertThat(score("hold", 7, week(flat(1), bar(2, 100, 96.9, 98))).hit()).isFalse();
    }

    @Test
    void holdBandEdgesAreInside() {
        assertThat(score("hold", 2, List.of(bar(1, 103, 99, 100), bar(2, 100, 97, 98))).hit()).isTrue();
    }

    // ---- ranges ----

    @Test
    void rangesFillWhenLowReachesBuyMaxAndHighReachesSellMin() {
        Score s = score("hold", 3, List.of(flat(1), bar(2, 102, 99, 100), flat(3)));

        assertThat(s.buyRangeFilled()).isTrue();
        assertThat(s.sellRangeFilled()).isTrue();
    }

    @Test
    void rangesDoNotFillWhenPriceStaysBetweenThem() {
        Score s = score("hold", 3, List.of(flat(1), bar(2, 101.99, 99.01, 100), flat(3)));

        assertThat(s.buyRangeFilled()).isFalse();
        assertThat(s.sellRangeFilled()).isFalse();
    }

    @Test
    void rangeFillsOnlyCountBarsInsideTheWindow() {
        List<DailyBar> bars = List.of(bar(0, 110, 90, 100), flat(1), bar(2, 110, 90, 100));

        Score s = score("hold", 1, bars);

        assertThat(s.buyRangeFilled()).isFalse();
        assertThat(s.sellRangeFilled()).isFalse();
    }

    @Test
    void missingRangeGivesUnknownNotFalse() {
        ScoringInput in = new ScoringInput(ID, "buy", 60, P0, DAY, null, null);

        Score s = scorer.score(in, 1, List.of(bar(1, 110, 90, 100)), DAY.plusDays(1));

        assertThat(s.status()).isEqualTo(Score.SCORED);
        assertThat(s.buyRangeFilled()).isNull();
        assertThat(s.sellRangeFilled()).isNull();
    }

    // ---- missing ----

    @Test
    void missingWhenCandlesDoNotReachTheEndOfTheHorizon() {
        Score s = scorer.score(input("buy"), 7, week(flat(1)), DAY.plusDays(6));

        assertThat(s).isEqualTo(Score.missing(ID, 7));
    }

    @Test
    void scoredWhenCandlesReachExactlyTheEndOfTheHorizon() {
        Score s = scorer.score(input("buy"), 7, week(flat(1)), DAY.plusDays(7));

        assertThat(s.status()).isEqualTo(Score.SCORED);
    }

    @Test
    void missingWhenLatestStoredDayIsNull() {
        Score s = scorer.score(input("buy"), 1, week(flat(1)), null);

        assertThat(s).isEqualTo(Score.missing(ID, 1));
    }

    @Test
    void missingWhenTheWindowHasNoBarAtAll() {
        // the stock's candles are absent for the whole horizon; other days exist on both sides
        List<DailyBar> bars = List.of(bar(-1, 101, 99, 100), bar(0, 101, 99, 100), bar(8, 110, 90, 105));

        Score s = scorer.score(input("hold"), 7, bars, DAY.plusDays(8));

        assertThat(s).isEqualTo(Score.missing(ID, 7));
    }

    @Test
    void missingWhenNoBarsAreGiven() {
        assertThat(scorer.score(input("sell"), 3, List.of(), DAY.plusDays(30)))
                .isEqualTo(Score.missing(ID, 3));
    }

    // ---- window handling ----

    @Test
    void gapInsideTheWindowStillScoresFromTheBarsPresent() {
        List<DailyBar> bars = List.of(bar(1, 101, 99, 100.5), bar(5, 103.5, 100, 102));

        Score s = score("buy", 7, bars);

        assertThat(s.status()).isEqualTo(Score.SCORED);
        assertThat(s.hit()).isTrue();
        assertThat(s.maxGainPct()).isEqualTo(3.5);
        assertThat(s.maxLossPct()).isEqualTo(-1.0);
        assertThat(s.closeChangePct()).isEqualTo(2.0);
    }

    @Test
    void unsortedBarsAreWalkedInDayOrder() {
        // in input order the rise comes first (a hit); by day the fall comes first (a miss)
        List<DailyBar> bars = new ArrayList<>(List.of(bar(1, 100, 96, 97), bar(2, 104, 98, 103.5), flat(3)));
        Collections.reverse(bars);

        Score s = score("buy", 3, bars);

        assertThat(s.hit()).isFalse();
        assertThat(s.closeChangePct()).isEqualTo(0.0);
    }

    @Test
    void closeComesFromTheLastDayNotTheLastElement() {
        List<DailyBar> bars = List.of(bar(3, 101, 99, 100.25), bar(1, 101, 99, 99.75));

        assertThat(score("hold", 3, bars).closeChangePct()).isEqualTo(0.25);
    }

    @Test
    void barsFromBeforeAndOnTheAnalysisDayAreIgnored() {
        List<DailyBar> bars = List.of(bar(-2, 120, 80, 90), bar(0, 104, 96, 103.5), bar(1, 102, 98, 101));

        Score s = score("buy", 1, bars);

        assertThat(s.hit()).isFalse();
        assertThat(s.maxGainPct()).isEqualTo(2.0);
        assertThat(s.maxLossPct()).isEqualTo(-2.0);
        assertThat(s.closeChangePct()).isEqualTo(1.0);
    }

    @Test
    void barsAfterTheHorizonAreIgnored() {
        List<DailyBar> bars = List.of(bar(1, 102, 98, 101), bar(2, 104, 96, 97));

        Score s = score("buy", 1, bars);

        assertThat(s.maxGainPct()).isEqualTo(2.0);
        assertThat(s.closeChangePct()).isEqualTo(1.0);
    }

    // ---- percentages ----

    @Test
    void percentagesAreExactAndRoundedHalfUpToFourDecimals() {
        List<DailyBar> bars = List.of(bar(1, 101.23455, 99, 100), bar(2, 100.5, 98.76545, 100.123449));

        Score s = score("hold", 2, bars);

        assertThat(s.analysisId()).isEqualTo(ID);
        assertThat(s.horizonDays()).isEqualTo(2);
        assertThat(s.maxGainPct()).isEqualTo(1.2346);
        assertThat(s.maxLossPct()).isEqualTo(-1.2346);
        assertThat(s.closeChangePct()).isEqualTo(0.1234);
    }

    @Test
    void percentagesOnANonRoundPrice() {
        ScoringInput in = new ScoringInput(7, "buy", 80, 30_000, DAY, BUY_RANGE, SELL_RANGE);

        Score s = scorer.score(in, 1, List.of(bar(1, 31_234.5678, 29_500, 30_100)), DAY.plusDays(1));

        assertThat(s.hit()).isTrue();
        assertThat(s.maxGainPct()).isEqualTo(4.1152);
        assertThat(s.maxLossPct()).isEqualTo(-1.6667);
        assertThat(s.closeChangePct()).isEqualTo(0.3333);
    }

    // ---- thresholds ----

    @Test
    void configuredThresholdsAreUsed() {
        DecisionScorer strict = new DecisionScorer(5, 2, 1);
        List<DailyBar> bars = List.of(bar(1, 104.9, 98.1, 104));

        assertThat(strict.thresholds()).isEqualTo(new Thresholds(5, 2, 1));
        assertThat(strict.score(input("buy"), 1, bars, DAY.plusDays(1)).hit()).isFalse();
        assertThat(strict.score(input("buy"), 1, List.of(bar(1, 105, 98.1, 104)), DAY.plusDays(1)).hit())
                .isTrue();
        assertThat(strict.score(input("hold"), 1, List.of(bar(1, 101.1, 99.5, 100)), DAY.plusDays(1)).hit())
                .isFalse();
    }

    @Test
    void nonPositiveThresholdsAreRejected() {
        assertThatThrownBy(() -> new DecisionScorer(0, 3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionScorer(3, -1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionScorer(3, 3, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- confidence band ----

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {"0|<40", "39|<40", "40|40-69", "69|40-69", "70|70+", "100|70+"})
    void confidenceBandEdges(int confidence, String band) {
        assertThat(DecisionScorer.confidenceBand(confidence)).isEqualTo(band);
    }

    // ---- bad input ----

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"short", "strong_buy"})
    void unknownDecisionIsRejected(String decision) {
        assertThatThrownBy(() -> score(decision, 1, week(flat(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decision");
    }

    @Test
    void unknownDecisionIsRejectedEvenWhenCandlesAreMissing() {
        assertThatThrownBy(() -> scorer.score(input("short"), 7, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void horizonBelowOneDayIsRejected() {
        assertThatThrownBy(() -> score("buy", 0, week(flat(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
