package com.autotrader.analysis;

import com.autotrader.market.Candle;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RuleBasedAnalystTest {

    private static final double EPS = 1e-9;

    private final RuleBasedAnalyst analyst = new RuleBasedAnalyst();
    private final Indicators indicators = new Indicators();

    // ------------------------------------------------------------------ fixtures

    /**
     * A daily random walk of {@code n} bars, oldest first: drift {@code drift} per day, the last
     * {@code tailDays} days drift {@code tailDrift} instead (a final acceleration), 0.4 % daily noise.
     */
    private static List<Candle> series(int n, double drift, int tailDays, double tailDrift, long seed) {
        Random rnd = new Random(seed);
        List<Candle> out = new ArrayList<>();
        double p = 50_000_000;
        for (int i = 0; i < n; i++) {
            double prev = p;
            double d = i >= n - tailDays ? tailDrift : drift;
            p = p * (1 + d + 0.004 * rnd.nextGaussian());
            double high = Math.max(prev, p) * 1.005;
            double low = Math.min(prev, p) * 0.995;
            out.add(new Candle(LocalDate.of(2026, 1, 1).plusDays(i).atTime(9, 0), prev, high, low, p,
                    1000 + 200 * rnd.nextDouble()));
        }
        return out;
    }

    private static IndicatorSnapshot snapshot(Double rsi, Double histogram, Double upper, Double middle,
                                              Double lower, Double sma20, Double sma60, Double stochK) {
        Map<Integer, Double> priceSma = new LinkedHashMap<>();
        priceSma.put(5, null);
        priceSma.put(20, sma20);
        priceSma.put(60, sma60);
        Map<Integer, Double> volumeSma = new LinkedHashMap<>();
        volumeSma.put(20, null);
        return new IndicatorSnapshot(100, null, 1000, null, histogram == null ? null : 0.0,
                histogram == null ? null : -histogram, histogram, null, rsi,
                upper, middle, lower, null, stochK, null, priceSma, volumeSma);
    }

    /** The scoring rules restated independently: the score the analyst should arrive at. */
    private static int expectedScore(double price, IndicatorSnapshot ind) {
        int score = 0;
        if (ind.rsi() != null) {
            score += ind.rsi() <= 30 ? 2 : ind.rsi() >= 70 ? -2 : 0;
        }
        if (ind.macdHistogram() != null) {
            score += ind.macdHistogram() > 0 ? 1 : -1;
        }
        if (ind.bollingerLower() != null) {
            score += price < ind.bollingerLower() ? 1 : price > ind.bollingerUpper() ? -1 : 0;
        }
        Double sma20 = ind.priceSma().get(20);
        Double sma60 = ind.priceSma().get(60);
        if (sma20 != null && sma60 != null) {
            score += sma20 >= sma60 ? 1 : -1;
        }
        if (ind.stochasticK() != null) {
            score += ind.stochasticK() < 20 ? 1 : ind.stochasticK() > 80 ? -1 : 0;
        }
        return score;
    }

    private static String decisionFor(int score) {
        return score >= 2 ? "buy" : score <= -2 ? "sell" : "hold";
    }

    /** Every contract the Gemini answers are held to (see DecisionValidator), checked on the rule-based one. */
    private static void assertWellFormed(Decision d) {
        assertThat(d.decision()).isIn("buy", "hold", "sell");
        assertThat(d.confidence()).isBetween(0, 100);
        assertThat(d.reasons()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(d.reasons()).allSatisfy(r -> assertThat(r).isNotBlank());
        for (PriceRange r : List.of(d.appropriateBuy(), d.appropriateSell(), d.buyHope(), d.sellTarget())) {
            assertThat(r.min()).as("min of " + r).isPositive();
            assertThat(r.max()).as("max of " + r).isPositive();
            assertThat(r.min()).as("min <= max of " + r).isLessThanOrEqualTo(r.max());
        }
        assertThat(d.buyHope().min()).isLessThanOrEqualTo(d.appropriateBuy().min());
        assertThat(d.buyHope().max()).isLessThanOrEqualTo(d.appropriateBuy().max());
        assertThat(d.appropriateSell().min()).isLessThanOrEqualTo(d.sellTarget().min());
        assertThat(d.appropriateSell().max()).isLessThanOrEqualTo(d.sellTarget().max());
        assertThat(d.detailedText()).startsWith("### 규칙 기반 분석 (rules-v1)");
    }

    // ------------------------------------------------------------------ scenarios computed from candles

    @Test
    void oversoldCrashBelowTheLowerBandIsABuy() {
        // a long decline (-1 %/day) ending in three -4 % days
        IndicatorSnapshot ind = indicators.compute(series(200, -0.01, 3, -0.04, 11));
        double price = ind.close();
        assertThat(ind.rsi()).isLessThanOrEqualTo(30);                       // +2
        assertThat(ind.macdHistogram()).isNegative();                        // -1
        assertThat(price).isLessThan(ind.bollingerLower());                  // +1
        assertThat(ind.priceSma().get(20)).isLessThan(ind.priceSma().get(60)); // -1
        assertThat(ind.stochasticK()).isLessThan(20);                        // +1

        Decision d = analyst.decide(price, ind);

        assertThat(d.decision()).isEqualTo("buy");
        assertThat(d.confidence()).isEqualTo(40 + 8 * 2);
        assertThat(d.reasons()).hasSize(3);
        assertThat(d.reasons().get(0)).contains("과매도");
        assertThat(d.reasons()).contains("가격이 볼린저 하단 아래");
        assertThat(d.detailedText()).contains("점수: 2").contains("SMA20이 SMA60 아래 (하락 추세)");
        assertWellFormed(d);
        // below the lower band the band is no anchor any more: the buy range is 98 %..99.5 % of the price
        assertThat(d.appropriateBuy().min()).isCloseTo(price * 0.98, within(price * EPS));
        assertThat(d.appropriateBuy().max()).isCloseTo(price * 0.995, within(price * EPS));
    }

    @Test
    void steadyDeclineIsOversoldAndABuy() {
        IndicatorSnapshot ind = indicators.compute(series(200, -0.01, 0, 0, 11));
        double price = ind.close();
        assertThat(ind.rsi()).isLessThanOrEqualTo(30);
        int score = expectedScore(price, ind);
        assertThat(score).isGreaterThanOrEqualTo(2);

        Decision d = analyst.decide(price, ind);

        assertThat(d.decision()).isEqualTo("buy");
        assertThat(d.confidence()).isEqualTo(Math.min(80, 40 + 8 * score));
        assertThat(d.detailedText()).contains("점수: " + score);
        assertWellFormed(d);
    }

    @Test
    void overboughtBlowOffAboveTheUpperBandIsASell() {
        // a long rise (+1 %/day) ending in three +4 % days
        IndicatorSnapshot ind = indicators.compute(series(200, 0.01, 3, 0.04, 11));
        double price = ind.close();
        assertThat(ind.rsi()).isGreaterThanOrEqualTo(70);                       // -2
        assertThat(ind.macdHistogram()).isPositive();                           // +1
        assertThat(price).isGreaterThan(ind.bollingerUpper());                  // -1
        assertThat(ind.priceSma().get(20)).isGreaterThan(ind.priceSma().get(60)); // +1
        assertThat(ind.stochasticK()).isGreaterThan(80);                        // -1

        Decision d = analyst.decide(price, ind);

        assertThat(d.decision()).isEqualTo("sell");
        assertThat(d.confidence()).isEqualTo(40 + 8 * 2);
        assertThat(d.reasons()).containsExactly(d.reasons().get(0), "MACD가 시그널선 위 (상승 모멘텀)", "가격이 볼린저 상단 위");
        assertThat(d.reasons().get(0)).contains("과매수");
        assertThat(d.detailedText()).contains("점수: -2");
        assertWellFormed(d);
        // above the upper band, the sell range starts 1 % above the price
        assertThat(d.appropriateSell().min()).isCloseTo(price * 1.01, within(price * EPS));
        assertThat(d.appropriateSell().max()).isCloseTo(price * 1.02, within(price * EPS));
    }

    @Test
    void steadyRiseInsideTheBandsIsOnlyAHold() {
        // overbought RSI (-2) and high %K (-1) are outweighed by MACD (+1) and trend (+1): score -1
        IndicatorSnapshot ind = indicators.compute(series(200, 0.01, 0, 0, 11));
        double price = ind.close();
        assertThat(ind.rsi()).isGreaterThanOrEqualTo(70);
        assertThat(price).isBetween(ind.bollingerLower(), ind.bollingerUpper());
        assertThat(expectedScore(price, ind)).isEqualTo(-1);

        Decision d = analyst.decide(price, ind);

        assertThat(d.decision()).isEqualTo("hold");
        assertThat(d.confidence()).isEqualTo(45);
        assertWellFormed(d);
    }

    @Test
    void shortHistoryWithOnlyNullsIsANeutralHoldAnchoredOnThePrice() {
        List<Candle> candles = series(10, 0, 0, 0, 3);
        IndicatorSnapshot ind = indicators.compute(candles);
        assertThat(ind.rsi()).isNull();
        assertThat(ind.macdHistogram()).isNull();
        assertThat(ind.bollingerLower()).isNull();
        assertThat(ind.stochasticK()).isNull();
        assertThat(ind.priceSma().get(20)).isNull();
        double p = ind.close();

        Decision d = analyst.decide(p, ind);

        assertThat(d.decision()).isEqualTo("hold");
        assertThat(d.confidence()).isEqualTo(50);
        assertThat(d.reasons()).containsExactly("지표를 계산할 데이터가 부족함");
        assertThat(d.detailedText()).contains("점수: 0");
        assertWellFormed(d);
        // without bands the anchors are 95 % / 100 % / 105 % of the price
        assertThat(d.appropriateBuy().min()).isCloseTo(p * 0.95, within(p * EPS));
        assertThat(d.appropriateBuy().max()).isCloseTo(p * 0.995, within(p * EPS));
        assertThat(d.buyHope().min()).isCloseTo(p * 0.95 * 0.97, within(p * EPS));
        assertThat(d.buyHope().max()).isCloseTo(p * 0.95, within(p * EPS));
        assertThat(d.appropriateSell().min()).isCloseTo(p * 1.01, within(p * EPS));
        assertThat(d.appropriateSell().max()).isCloseTo(p * 1.05, within(p * EPS));
        assertThat(d.sellTarget().min()).isCloseTo(p * 1.05, within(p * EPS));
        assertThat(d.sellTarget().max()).isCloseTo(p * 1.05 * 1.03, within(p * EPS));
    }

    @Test
    void flatNoisyThirtyDaysFollowsTheScore() {
        // 30 bars: no SMA60 (no trend vote) and no MACD (not ready), the rest is computed
        IndicatorSnapshot ind = indicators.compute(series(30, 0, 0, 0, 5));
        double price = ind.close();
        assertThat(ind.priceSma().get(60)).isNull();
        assertThat(ind.macdHistogram()).isNull();
        assertThat(ind.rsi()).isNotNull();
        int score = expectedScore(price, ind);

        Decision d = analyst.decide(price, ind);

        assertThat(d.decision()).isEqualTo(decisionFor(score));
        assertThat(d.detailedText()).contains("점수: " + score);
        assertThat(d.reasons()).noneMatch(r -> r.contains("MACD") || r.contains("SMA20"));
        assertWellFormed(d);
    }

    @Test
    void manyOrdinaryMarketsGiveWellFormedDecisionsThatFollowTheScore() {
        int[] lengths = {1, 2, 14, 15, 16, 20, 34, 35, 59, 60, 61, 120, 200};
        double[] drifts = {-0.012, -0.004, 0, 0.004, 0.012};
        int checked = 0;
        for (long seed = 1; seed <= 6; seed++) {
            for (int n : lengths) {
                for (double drift : drifts) {
                    IndicatorSnapshot ind = indicators.compute(series(n, drift, 2, drift * 3, seed));
                    double price = ind.close();
                    int score = expectedScore(price, ind);

                    Decision d = analyst.decide(price, ind);

                    assertThat(d.decision()).as("n=%d drift=%s seed=%d", n, drift, seed)
                            .isEqualTo(decisionFor(score));
                    assertWellFormed(d);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(6 * 13 * 5);
    }

    // ------------------------------------------------------------------ hand-built snapshots: exact scoring

    @Test
    void everyBullishSignalGivesBuyWithConfidenceCappedAt80() {
        IndicatorSnapshot ind = snapshot(20.0, 1.0, 110.0, 100.0, 90.0, 105.0, 100.0, 10.0);

        Decision d = analyst.decide(85, ind);  // score 2 + 1 + 1 + 1 + 1 = 6

        assertThat(d.decision()).isEqualTo("buy");
        assertThat(d.confidence()).isEqualTo(80);
        // four reasons are found; only the first three are kept, in rule order
        assertThat(d.reasons()).containsExactly("RSI 20.00 과매도 구간", "MACD가 시그널선 위 (상승 모멘텀)",
                "가격이 볼린저 하단 아래");
        assertThat(d.detailedText()).contains("점수: 6").contains("- SMA20이 SMA60 위 (상승 추세)");
        assertWellFormed(d);
    }

    @Test
    void everyBearishSignalGivesSellWithConfidenceCappedAt80() {
        IndicatorSnapshot ind = snapshot(85.0, -1.0, 110.0, 100.0, 90.0, 95.0, 100.0, 95.0);

        Decision d = analyst.decide(115, ind);  // score -2 - 1 - 1 - 1 - 1 = -6

        assertThat(d.decision()).isEqualTo("sell");
        assertThat(d.confidence()).isEqualTo(80);
        assertThat(d.reasons()).containsExactly("RSI 85.00 과매수 구간", "MACD가 시그널선 아래 (하락 모멘텀)",
                "가격이 볼린저 상단 위");
        assertThat(d.detailedText()).contains("점수: -6").contains("SMA20이 SMA60 아래 (하락 추세)");
        assertWellFormed(d);
    }

    @Test
    void confidenceFollowsTheScore() {
        // score 2: RSI 25 only
        Decision buy2 = analyst.decide(100, snapshot(25.0, null, null, null, null, null, null, null));
        assertThat(buy2.decision()).isEqualTo("buy");
        assertThat(buy2.confidence()).isEqualTo(56);
        // score 3: RSI 25 + MACD up
        Decision buy3 = analyst.decide(100, snapshot(25.0, 0.5, null, null, null, null, null, null));
        assertThat(buy3.decision()).isEqualTo("buy");
        assertThat(buy3.confidence()).isEqualTo(64);
        // score -2: RSI 75 only
        Decision sell2 = analyst.decide(100, snapshot(75.0, null, null, null, null, null, null, null));
        assertThat(sell2.decision()).isEqualTo("sell");
        assertThat(sell2.confidence()).isEqualTo(56);
        // score 1: MACD up only
        Decision hold1 = analyst.decide(100, snapshot(50.0, 0.5, null, null, null, null, null, null));
        assertThat(hold1.decision()).isEqualTo("hold");
        assertThat(hold1.confidence()).isEqualTo(45);
        // score -1: MACD down only
        Decision holdMinus1 = analyst.decide(100, snapshot(50.0, -0.5, null, null, null, null, null, null));
        assertThat(holdMinus1.decision()).isEqualTo("hold");
        assertThat(holdMinus1.confidence()).isEqualTo(45);
        // score 0: MACD up (+1) and %K 90 (-1)
        Decision hold0 = analyst.decide(100, snapshot(50.0, 0.5, null, null, null, null, null, 90.0));
        assertThat(hold0.decision()).isEqualTo("hold");
        assertThat(hold0.confidence()).isEqualTo(50);
        assertThat(hold0.reasons()).containsExactly("MACD가 시그널선 위 (상승 모멘텀)");
    }

    @Test
    void thresholdsAreInclusiveForRsiAndExclusiveForStochastic() {
        assertThat(analyst.decide(100, snapshot(30.0, null, null, null, null, null, null, null)).decision())
                .isEqualTo("buy");
        assertThat(analyst.decide(100, snapshot(30.01, null, null, null, null, null, null, null)).decision())
                .isEqualTo("hold");
        assertThat(analyst.decide(100, snapshot(70.0, null, null, null, null, null, null, null)).decision())
                .isEqualTo("sell");
        assertThat(analyst.decide(100, snapshot(69.99, null, null, null, null, null, null, null)).decision())
                .isEqualTo("hold");
        // %K 20 / 80 are not extreme: MACD up (+1) + %K 20 (0) stays a hold; %K 19.9 adds +1 -> buy
        assertThat(analyst.decide(100, snapshot(50.0, 0.5, null, null, null, null, null, 20.0)).decision())
                .isEqualTo("hold");
        assertThat(analyst.decide(100, snapshot(50.0, 0.5, null, null, null, null, null, 19.9)).decision())
                .isEqualTo("buy");
        assertThat(analyst.decide(100, snapshot(50.0, -0.5, null, null, null, null, null, 80.0)).decision())
                .isEqualTo("hold");
        assertThat(analyst.decide(100, snapshot(50.0, -0.5, null, null, null, null, null, 80.1)).decision())
                .isEqualTo("sell");
        // equal SMAs count as an up-trend
        Decision equalSma = analyst.decide(100, snapshot(50.0, 0.5, null, null, null, 100.0, 100.0, null));
        assertThat(equalSma.decision()).isEqualTo("buy");
        assertThat(equalSma.reasons()).contains("SMA20이 SMA60 위 (상승 추세)");
    }

    @Test
    void rangesAreAnchoredOnTheBollingerBands() {
        IndicatorSnapshot ind = snapshot(50.0, null, 110.0, 100.0, 90.0, null, null, null);

        Decision d = analyst.decide(100, ind);

        assertThat(d.appropriateBuy().min()).isCloseTo(90.0, within(EPS));    // lower band (below 98 % of price)
        assertThat(d.appropriateBuy().max()).isCloseTo(99.5, within(EPS));    // middle * 0.995
        assertThat(d.buyHope().min()).isCloseTo(87.3, within(EPS));           // 90 * 0.97
        assertThat(d.buyHope().max()).isCloseTo(90.0, within(EPS));
        assertThat(d.appropriateSell().min()).isCloseTo(101.0, within(EPS));  // middle * 1.01
        assertThat(d.appropriateSell().max()).isCloseTo(110.0, within(EPS));  // upper band
        assertThat(d.sellTarget().min()).isCloseTo(110.0, within(EPS));
        assertThat(d.sellTarget().max()).isCloseTo(113.3, within(EPS));       // 110 * 1.03
        assertWellFormed(d);
    }

    @Test
    void narrowBandsStillLeaveRoomAroundThePrice() {
        // bands tighter than ±2 %: the 98 % / 102 % floors take over
        IndicatorSnapshot ind = snapshot(50.0, null, 100.5, 100.0, 99.5, null, null, null);

        Decision d = analyst.decide(100, ind);

        assertThat(d.appropriateBuy().min()).isCloseTo(98.0, within(EPS));
        assertThat(d.appropriateBuy().max()).isCloseTo(99.5, within(EPS));
        assertThat(d.appropriateSell().min()).isCloseTo(101.0, within(EPS));
        assertThat(d.appropriateSell().max()).isCloseTo(102.0, within(EPS));
        assertThat(d.appropriateBuy().max()).isLessThan(100);
        assertThat(d.appropriateSell().min()).isGreaterThan(100);
        assertWellFormed(d);
    }

    // ------------------------------------------------------------------ analysis(...)

    @Test
    void analysisWrapsTheDecisionAsRulesV1WithoutTokens() {
        IndicatorSnapshot ind = indicators.compute(series(200, -0.01, 3, -0.04, 11));
        String prompt = "비트코인(KRW-BTC) (관측일 2026-11-25)\n...";

        Analysis a = analyst.analysis(ind.close(), ind, prompt);

        assertThat(a.modelName()).isEqualTo("rules-v1").isEqualTo(RuleBasedAnalyst.MODEL_NAME);
        assertThat(a.promptTokens()).isNull();
        assertThat(a.completionTokens()).isNull();
        assertThat(a.totalTokens()).isNull();
        assertThat(a.prompt()).isEqualTo(prompt);
        assertThat(a.latencyMs()).isGreaterThanOrEqualTo(0);
        assertThat(a.decision()).isEqualTo(analyst.decide(ind.close(), ind));
        assertThat(a.decision().decision()).isEqualTo("buy");
        assertWellFormed(a.decision());
    }

    @Test
    void aOneDaySpikeThatPushesTheLowerBandBelowZeroStillGivesRangesNearThePrice() {
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double close = i == 50 ? 1000 : 100;   // a listing pump: one day at 10x
            candles.add(new Candle(LocalDate.of(2026, 1, 1).plusDays(i).atTime(9, 0), close, close, close, close, 1000));
        }
        IndicatorSnapshot ind = indicators.compute(candles);
        assertThat(ind.bollingerLower()).as("the fixture must reproduce the negative band").isNegative();

        Decision d = analyst.decide(100, ind);

        assertWellFormed(d);
        // the lowest end is the buy hope under the clamped band, the highest the sell target above it
        assertThat(d.buyHope().min()).isGreaterThanOrEqualTo(100 * RuleBasedAnalyst.LOWEST * 0.97 - EPS);
        assertThat(d.sellTarget().max()).isLessThanOrEqualTo(100 * RuleBasedAnalyst.HIGHEST * 1.01 * 1.03 + EPS);
    }

    @Test
    void aPriceThatNeverMovedIsNotCalledOversold() {
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            candles.add(new Candle(LocalDate.of(2026, 1, 1).plusDays(i).atTime(9, 0), 100, 100, 100, 100, 1000));
        }
        IndicatorSnapshot ind = indicators.compute(candles);

        assertThat(ind.rsi()).as("RSI of a flat series is undefined").isNull();
        Decision d = analyst.decide(100, ind);
        assertThat(d.decision()).isNotEqualTo("buy");
        assertThat(d.reasons()).noneMatch(r -> r.contains("과매도"));
    }
}
