package com.autotrader.analysis;

import com.autotrader.market.Candle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Checks {@link Indicators#compute} against an independent reference written here with plain loops from the
 * textbook definitions (ta4j is deliberately not used in this test).
 *
 * <p>Conventions that match ta4j 0.17 (verified against its byte code: AbstractEMAIndicator, MMAIndicator,
 * RSIIndicator, GainIndicator, VarianceIndicator, StochasticOscillatorK/DIndicator, BollingerBandWidthIndicator):
 * <ul>
 *   <li>EMA and Wilder's MMA are seeded with the first value of their input: ema[0] = x[0], then
 *       ema[i] = ema[i-1] + k * (x[i] - ema[i-1]) with k = 2/(n+1) (EMA) or 1/n (MMA).</li>
 *   <li>RSI: gain/loss of bar 0 is 0; average gain/loss are MMA(14) of those; if the average loss is 0 the
 *       RSI is 100 (or 0 if the average gain is also 0).</li>
 *   <li>Bollinger: population standard deviation (divide by n) of the last 20 closes.</li>
 * </ul>
 * Because the conventions agree exactly, the only differences are floating-point rounding from a different
 * order of operations, so a relative tolerance of 1e-9 is used (seeding is identical, no long warm-up needed).
 */
class IndicatorsTest {

    private static final double REL = 1e-9;
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 5, 1);

    private final Indicators indicators = new Indicators();

    // ------------------------------------------------------------------ test data

    /** ~220 deterministic daily candles, oldest first: trend + two sines + seeded noise; varied highs/lows/volumes. */
    static List<Candle> candles(int count, long seed) {
        Random rnd = new Random(seed);
        List<Candle> out = new ArrayList<>();
        double prevClose = 100_000_000;
        for (int i = 0; i < count; i++) {
            double close = 100_000_000 * (1 + 0.002 * i + 0.06 * Math.sin(i / 7.0) + 0.02 * Math.sin(i / 2.3))
                    + rnd.nextGaussian() * 1_200_000;
            double open = i == 0 ? close * 0.995 : prevClose + rnd.nextGaussian() * 300_000;
            double high = Math.max(open, close) * (1 + 0.002 + 0.02 * rnd.nextDouble());
            double low = Math.min(open, close) * (1 - 0.002 - 0.02 * rnd.nextDouble());
            double volume = 1500 + 600 * Math.sin(i / 3.0) + 400 * rnd.nextDouble();
            out.add(new Candle(FIRST_DAY.plusDays(i).atTime(9, 0), open, high, low, close, volume));
            prevClose = close;
        }
        return out;
    }

    private static Candle candle(int day, double open, double high, double low, double close, double volume) {
        return new Candle(LocalDateTime.of(2026, 1, 1, 9, 0).plusDays(day), open, high, low, close, volume);
    }

    // ------------------------------------------------------------------ reference implementation

    static final class Reference {
        final double[] close;
        final double[] high;
        final double[] low;
        final double[] volume;

        Reference(List<Candle> candles) {
            int n = candles.size();
            close = new double[n];
            high = new double[n];
            low = new double[n];
            volume = new double[n];
            for (int i = 0; i < n; i++) {
                close[i] = candles.get(i).close();
                high[i] = candles.get(i).high();
                low[i] = candles.get(i).low();
                volume[i] = candles.get(i).volume();
            }
        }

        int last() {
            return close.length - 1;
        }

        static double sma(double[] x, int n, int end) {
            double sum = 0;
            for (int i = end - n + 1; i <= end; i++) {
                sum += x[i];
            }
            return sum / n;
        }

        /** EMA series with multiplier k, seeded with x[0]. */
        static double[] smoothed(double[] x, double k) {
            double[] out = new double[x.length];
            out[0] = x[0];
            for (int i = 1; i < x.length; i++) {
                out[i] = out[i - 1] + k * (x[i] - out[i - 1]);
            }
            return out;
        }

        static double[] ema(double[] x, int n) {
            return smoothed(x, 2.0 / (n + 1));
        }

        double[] macd() {
            double[] e12 = ema(close, 12);
            double[] e26 = ema(close, 26);
            double[] m = new double[close.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = e12[i] - e26[i];
            }
            return m;
        }

        double[] signal() {
            return ema(macd(), 9);
        }

        double histogram(int index) {
            return macd()[index] - signal()[index];
        }

        double rsi14() {
            double[] gain = new double[close.length];
            double[] loss = new double[close.length];
            for (int i = 1; i < close.length; i++) {
                double d = close[i] - close[i - 1];
                gain[i] = Math.max(d, 0);
                loss[i] = Math.max(-d, 0);
            }
            double avgGain = smoothed(gain, 1.0 / 14)[last()];
            double avgLoss = smoothed(loss, 1.0 / 14)[last()];
            if (avgLoss == 0) {
                return avgGain == 0 ? 0 : 100;
            }
            return 100 - 100 / (1 + avgGain / avgLoss);
        }

        double populationStdDev20() {
            double mean = sma(close, 20, last());
            double sq = 0;
            for (int i = last() - 19; i <= last(); i++) {
                sq += (close[i] - mean) * (close[i] - mean);
            }
            return Math.sqrt(sq / 20);
        }

        double stochK(int end) {
            double hh = Double.NEGATIVE_INFINITY;
            double ll = Double.POSITIVE_INFINITY;
            for (int i = Math.max(0, end - 13); i <= end; i++) {
                hh = Math.max(hh, high[i]);
                ll = Math.min(ll, low[i]);
            }
            return (close[end] - ll) / (hh - ll) * 100;
        }

        double stochD() {
            return (stochK(last()) + stochK(last() - 1) + stochK(last() - 2)) / 3;
        }
    }

    private static void assertClose(Double actual, double expected, String what) {
        assertThat(actual).as(what).isNotNull();
        double tolerance = REL * Math.max(1.0, Math.abs(expected));
        assertThat(actual).as(what).isCloseTo(expected, within(tolerance));
    }

    /** MACD-family values are differences of ~1e8-sized EMAs: tolerance scales with the price level. */
    private static void assertCloseToPriceScale(Double actual, double expected, double priceScale, String what) {
        assertThat(actual).as(what).isNotNull();
        assertThat(actual).as(what).isCloseTo(expected, within(REL * priceScale));
    }

    // ------------------------------------------------------------------ full comparison

    @ParameterizedTest(name = "{0} candles")
    @ValueSource(ints = {35, 61, 120, 200, 220})
    void everyValueMatchesTheReferenceImplementation(int count) {
        List<Candle> candles = candles(220, 42L).subList(0, count);
        Reference ref = new Reference(candles);
        int last = ref.last();

        IndicatorSnapshot s = indicators.compute(candles);

        assertThat(s.close()).isEqualTo(ref.close[last]);
        assertThat(s.volume()).isEqualTo(ref.volume[last]);
        assertClose(s.changePct(), (ref.close[last] / ref.close[last - 1] - 1) * 100, "changePct");
        assertClose(s.volumeChangePct(), (ref.volume[last] / ref.volume[last - 1] - 1) * 100, "volumeChangePct");

        for (int period : Indicators.SMA_PERIODS) {
            if (count >= period) {
                assertClose(s.priceSma().get(period), Reference.sma(ref.close, period, last), "SMA" + period);
                assertClose(s.volumeSma().get(period), Reference.sma(ref.volume, period, last), "VMA" + period);
            } else {
                assertThat(s.priceSma().get(period)).as("SMA" + period).isNull();
                assertThat(s.volumeSma().get(period)).as("VMA" + period).isNull();
            }
        }
        assertThat(s.priceSma()).containsOnlyKeys(5, 20, 60, 120, 200);
        assertThat(s.volumeSma()).containsOnlyKeys(5, 20, 60, 120, 200);

        double scale = ref.close[last];
        double[] macd = ref.macd();
        double[] signal = ref.signal();
        assertCloseToPriceScale(s.macd(), macd[last], scale, "MACD");
        assertCloseToPriceScale(s.macdSignal(), signal[last], scale, "signal");
        assertCloseToPriceScale(s.macdHistogram(), macd[last] - signal[last], scale, "histogram");
        assertCloseToPriceScale(s.previousMacdHistogram(), ref.histogram(last - 1), scale, "previous histogram");
        // the histogram really is MACD - signal of the snapshot's own values
        assertThat(s.macdHistogram()).isCloseTo(s.macd() - s.macdSignal(), within(1e-6));

        assertClose(s.rsi(), ref.rsi14(), "RSI");
        assertThat(s.rsi()).isBetween(0.0, 100.0);

        double middle = Reference.sma(ref.close, 20, last);
        double sd = ref.populationStdDev20();
        assertClose(s.bollingerMiddle(), middle, "bollinger middle");
        assertClose(s.bollingerUpper(), middle + 2 * sd, "bollinger upper");
        assertClose(s.bollingerLower(), middle - 2 * sd, "bollinger lower");
        assertClose(s.bollingerWidthPct(), (4 * sd) / middle * 100, "bollinger width");

        assertClose(s.stochasticK(), ref.stochK(last), "%K");
        assertClose(s.stochasticD(), ref.stochD(), "%D");
        assertThat(s.stochasticK()).isBetween(0.0, 100.0);
    }

    @Test
    void sampleSeriesIsVariedEnoughToBeMeaningful() {
        // guards the fixture itself: a test over a monotone or flat series would prove little
        Reference ref = new Reference(candles(220, 42L));
        long ups = 0;
        for (int i = 1; i < ref.close.length; i++) {
            if (ref.close[i] > ref.close[i - 1]) {
                ups++;
            }
        }
        assertThat(ups).isBetween(60L, 160L);
        assertThat(ref.rsi14()).isBetween(5.0, 95.0);
        double[] macd = ref.macd();
        double[] signal = ref.signal();
        boolean positive = false;
        boolean negative = false;
        for (int i = 34; i < macd.length; i++) {
            positive |= macd[i] - signal[i] > 0;
            negative |= macd[i] - signal[i] < 0;
        }
        assertThat(positive && negative).as("histogram changes sign somewhere").isTrue();
    }

    // ------------------------------------------------------------------ short histories and edge cases

    @Test
    void shortHistoryGivesNullForWhatItCannotCompute() {
        List<Candle> candles = candles(30, 7L);
        Reference ref = new Reference(candles);

        IndicatorSnapshot s = indicators.compute(candles);

        assertThat(s.priceSma().get(60)).isNull();
        assertThat(s.priceSma().get(120)).isNull();
        assertThat(s.priceSma().get(200)).isNull();
        assertThat(s.volumeSma().get(60)).isNull();
        assertThat(s.volumeSma().get(120)).isNull();
        assertThat(s.volumeSma().get(200)).isNull();
        assertClose(s.priceSma().get(5), Reference.sma(ref.close, 5, 29), "SMA5");
        assertClose(s.priceSma().get(20), Reference.sma(ref.close, 20, 29), "SMA20");
        assertClose(s.volumeSma().get(5), Reference.sma(ref.volume, 5, 29), "VMA5");
        assertClose(s.volumeSma().get(20), Reference.sma(ref.volume, 20, 29), "VMA20");

        // 30 bars < 26 + 9 - 1: MACD is not considered ready
        assertThat(s.macd()).isNull();
        assertThat(s.macdSignal()).isNull();
        assertThat(s.macdHistogram()).isNull();
        assertThat(s.previousMacdHistogram()).isNull();

        assertClose(s.rsi(), ref.rsi14(), "RSI");
        assertThat(s.bollingerUpper()).isNotNull();
        assertThat(s.bollingerMiddle()).isNotNull();
        assertThat(s.bollingerLower()).isNotNull();
        assertThat(s.bollingerWidthPct()).isNotNull();
        assertClose(s.stochasticK(), ref.stochK(29), "%K");
        assertClose(s.stochasticD(), ref.stochD(), "%D");
        assertThat(s.changePct()).isNotNull();
        assertThat(s.volumeChangePct()).isNotNull();
    }

    @Test
    void macdIsReadyAt34BarsButThePreviousHistogramOnlyFrom35() {
        IndicatorSnapshot at33 = indicators.compute(candles(33, 3L));
        IndicatorSnapshot at34 = indicators.compute(candles(34, 3L));
        IndicatorSnapshot at35 = indicators.compute(candles(35, 3L));

        assertThat(at33.macd()).isNull();
        assertThat(at34.macd()).isNotNull();
        assertThat(at34.macdHistogram()).isNotNull();
        assertThat(at34.previousMacdHistogram()).isNull();
        assertThat(at35.previousMacdHistogram()).isNotNull();
        // the previous histogram of 35 bars is the histogram of the first 34
        assertThat(at35.previousMacdHistogram()).isCloseTo(at34.macdHistogram(), within(1e-6));
    }

    @Test
    void minimumHistoriesOfRsiBollingerAndStochastic() {
        IndicatorSnapshot at13 = indicators.compute(candles(13, 5L));
        IndicatorSnapshot at14 = indicators.compute(candles(14, 5L));
        IndicatorSnapshot at15 = indicators.compute(candles(15, 5L));
        IndicatorSnapshot at16 = indicators.compute(candles(16, 5L));
        IndicatorSnapshot at19 = indicators.compute(candles(19, 5L));
        IndicatorSnapshot at20 = indicators.compute(candles(20, 5L));

        assertThat(at13.stochasticK()).isNull();
        assertThat(at14.stochasticK()).isNotNull();
        assertThat(at14.rsi()).isNull();
        assertThat(at15.rsi()).isNotNull();
        assertThat(at15.stochasticD()).isNull();
        assertThat(at16.stochasticD()).isNotNull();
        assertThat(at19.bollingerMiddle()).isNull();
        assertThat(at19.priceSma().get(20)).isNull();
        assertThat(at20.bollingerMiddle()).isNotNull();
        assertThat(at20.priceSma().get(20)).isNotNull();
    }

    @Test
    void singleCandleHasNoChangeAndNoIndicators() {
        Candle only = candle(0, 100, 110, 90, 105, 1234);

        IndicatorSnapshot s = indicators.compute(List.of(only));

        assertThat(s.close()).isEqualTo(105);
        assertThat(s.volume()).isEqualTo(1234);
        assertThat(s.changePct()).isNull();
        assertThat(s.volumeChangePct()).isNull();
        assertThat(s.macd()).isNull();
        assertThat(s.rsi()).isNull();
        assertThat(s.bollingerMiddle()).isNull();
        assertThat(s.stochasticK()).isNull();
        assertThat(s.stochasticD()).isNull();
        assertThat(s.priceSma().values()).containsOnlyNulls();
        assertThat(s.volumeSma().values()).containsOnlyNulls();
    }

    @Test
    void emptyOrNullCandlesAreRejected() {
        assertThatThrownBy(() -> indicators.compute(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> indicators.compute(null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ hand-checkable cases

    @Test
    void fiveCandlesWithClosesOneToFive() {
        List<Candle> candles = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            candles.add(candle(i, i, i + 0.5, i - 0.5, i, 10 * i));
        }

        IndicatorSnapshot s = indicators.compute(candles);

        assertThat(s.priceSma().get(5)).isCloseTo(3.0, within(1e-12));        // (1+2+3+4+5)/5
        assertThat(s.volumeSma().get(5)).isCloseTo(30.0, within(1e-12));      // (10+...+50)/5
        assertThat(s.changePct()).isCloseTo(25.0, within(1e-12));             // 4 -> 5
        assertThat(s.volumeChangePct()).isCloseTo(25.0, within(1e-12));       // 40 -> 50
        assertThat(s.priceSma().get(20)).isNull();
    }

    @Test
    void twentyRisingCandlesByHand() {
        List<Candle> candles = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            candles.add(candle(i, i, i + 0.5, i - 0.5, i, 100));
        }

        IndicatorSnapshot s = indicators.compute(candles);

        // closes 1..20: mean 10.5, population variance (20^2 - 1) / 12 = 33.25
        double sd = Math.sqrt(33.25);
        assertThat(s.bollingerMiddle()).isCloseTo(10.5, within(1e-12));
        assertThat(s.bollingerUpper()).isCloseTo(10.5 + 2 * sd, within(1e-9));
        assertThat(s.bollingerLower()).isCloseTo(10.5 - 2 * sd, within(1e-9));
        assertThat(s.bollingerWidthPct()).isCloseTo(4 * sd / 10.5 * 100, within(1e-9));
        // no losing day at all: average loss 0, RSI 100
        assertThat(s.rsi()).isCloseTo(100.0, within(1e-12));
        // last 14 bars: highest high 20.5, lowest low 6.5 -> %K = (20 - 6.5) / 14 * 100
        assertThat(s.stochasticK()).isCloseTo(13.5 / 14 * 100, within(1e-9));
        // every %K of the last three bars is the same 13.5/14 -> %D equals it
        assertThat(s.stochasticD()).isCloseTo(13.5 / 14 * 100, within(1e-9));
        // constant volume: no change
        assertThat(s.volumeChangePct()).isCloseTo(0.0, within(1e-12));
        assertThat(s.changePct()).isCloseTo(100.0 / 19, within(1e-9));   // 19 -> 20
    }

    @Test
    void emaIsSeededWithTheFirstValue() {
        // 34 bars flat at 100, then one bar at 110: every EMA is 100 until the jump, so
        // EMA12 = 100 + 10 * 2/13, EMA26 = 100 + 10 * 2/27, signal = 0 + MACD * 2/10
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < 34; i++) {
            candles.add(candle(i, 100, 101, 99, 100, 50));
        }
        candles.add(candle(34, 100, 111, 99, 110, 50));

        IndicatorSnapshot s = indicators.compute(candles);

        double macd = 10 * 2.0 / 13 - 10 * 2.0 / 27;
        assertThat(s.macd()).isCloseTo(macd, within(1e-9));
        assertThat(s.macdSignal()).isCloseTo(macd * 0.2, within(1e-9));
        assertThat(s.macdHistogram()).isCloseTo(macd * 0.8, within(1e-9));
        assertThat(s.previousMacdHistogram()).isCloseTo(0.0, within(1e-9));
        // RSI: average loss stays 0 -> 100
        assertThat(s.rsi()).isCloseTo(100.0, within(1e-12));
        assertThat(s.changePct()).isCloseTo(10.0, within(1e-9));
    }
}
