package com.autotrader.analysis;

import com.autotrader.market.Candle;
import org.springframework.stereotype.Component;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.StochasticOscillatorDIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandWidthIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.VolumeIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original system's daily indicators, computed with ta4j: MACD 12/26/9, RSI 14, Bollinger 20/2σ with
 * band width, Stochastic 14/3, SMA 5/20/60/120/200 of close and of volume, and day-over-day changes.
 */
@Component
public class Indicators {

    public static final List<Integer> SMA_PERIODS = List.of(5, 20, 60, 120, 200);
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    /** Computes the snapshot of the last candle; candles must be oldest first. */
    public IndicatorSnapshot compute(List<Candle> candles) {
        if (candles == null || candles.isEmpty()) {
            throw new IllegalArgumentException("no candles to compute indicators from");
        }
        BarSeries series = series(candles);
        int last = series.getEndIndex();
        int bars = last + 1;

        ClosePriceIndicator close = new ClosePriceIndicator(series);
        VolumeIndicator volume = new VolumeIndicator(series);

        MACDIndicator macd = new MACDIndicator(close, 12, 26);
        EMAIndicator signal = new EMAIndicator(macd, 9);
        boolean macdReady = bars >= 26 + 9 - 1;

        SMAIndicator sma20 = new SMAIndicator(close, 20);
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(sma20);
        StandardDeviationIndicator deviation = new StandardDeviationIndicator(close, 20);
        BollingerBandsUpperIndicator upper = new BollingerBandsUpperIndicator(middle, deviation);
        BollingerBandsLowerIndicator lower = new BollingerBandsLowerIndicator(middle, deviation);
        BollingerBandWidthIndicator width = new BollingerBandWidthIndicator(upper, middle, lower);
        boolean bollingerReady = bars >= 20;

        StochasticOscillatorKIndicator stochK = new StochasticOscillatorKIndicator(series, 14);
        StochasticOscillatorDIndicator stochD = new StochasticOscillatorDIndicator(stochK);

        Map<Integer, Double> priceSma = new LinkedHashMap<>();
        Map<Integer, Double> volumeSma = new LinkedHashMap<>();
        for (int period : SMA_PERIODS) {
            priceSma.put(period, bars >= period ? value(new SMAIndicator(close, period), last) : null);
            volumeSma.put(period, bars >= period ? value(new SMAIndicator(volume, period), last) : null);
        }

        Candle today = candles.get(last);
        Candle yesterday = bars >= 2 ? candles.get(last - 1) : null;
        return new IndicatorSnapshot(
                today.close(),
                yesterday == null ? null : percentChange(yesterday.close(), today.close()),
                today.volume(),
                yesterday == null ? null : percentChange(yesterday.volume(), today.volume()),
                macdReady ? value(macd, last) : null,
                macdReady ? value(signal, last) : null,
                macdReady ? value(macd, last) - value(signal, last) : null,
                macdReady && bars > 34 ? value(macd, last - 1) - value(signal, last - 1) : null,
                bars >= 15 && !flat(candles) ? value(new RSIIndicator(close, 14), last) : null,
                bollingerReady ? value(upper, last) : null,
                bollingerReady ? value(middle, last) : null,
                bollingerReady ? value(lower, last) : null,
                bollingerReady ? value(width, last) : null,
                bars >= 14 ? value(stochK, last) : null,
                bars >= 16 ? value(stochD, last) : null,
                priceSma, volumeSma);
    }

    private static BarSeries series(List<Candle> candles) {
        BarSeries series = new BaseBarSeriesBuilder().withName("daily").withNumTypeOf(DoubleNum.class).build();
        for (Candle c : candles) {
            series.addBar(Duration.ofDays(1), c.time().plusDays(1).atZone(KST),
                    c.open(), c.high(), c.low(), c.close(), c.volume());
        }
        return series;
    }

    private static Double value(Indicator<Num> indicator, int index) {
        double v = indicator.getValue(index).doubleValue();
        return Double.isFinite(v) ? v : null;
    }

    /** RSI is 0/0 when the price never moved; ta4j reports 0 (oversold), which would be a false signal. */
    private static boolean flat(List<Candle> candles) {
        double first = candles.get(0).close();
        return candles.stream().allMatch(c -> c.close() == first);
    }

    private static Double percentChange(double from, double to) {
        return from == 0 ? null : (to - from) / from * 100.0;
    }
}
