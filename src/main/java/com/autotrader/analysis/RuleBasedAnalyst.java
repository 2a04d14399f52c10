package com.autotrader.analysis;

import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The analyst used when no Gemini key is configured (model name {@code rules-v1}): a transparent score over
 * RSI, MACD, Bollinger position, trend and Stochastic. It is a safe default, not a strategy: its confidence
 * stays modest and its ranges are anchored on the Bollinger bands around the current price.
 */
@Component
public class RuleBasedAnalyst {

    public static final String MODEL_NAME = "rules-v1";
    /** The widest a rules-v1 range reaches from the current price. */
    static final double LOWEST = 0.7;
    static final double HIGHEST = 1.3;

    /** The stored form: no tokens, the prompt kept so a later Gemini run can be compared on the same input. */
    public Analysis analysis(double price, IndicatorSnapshot ind, String prompt) {
        long started = System.nanoTime();
        Decision decision = decide(price, ind);
        return new Analysis(decision, MODEL_NAME, prompt, null, null, null, (System.nanoTime() - started) / 1_000_000);
    }

    public Decision decide(double price, IndicatorSnapshot ind) {
        int score = 0;
        List<String> reasons = new ArrayList<>();
        if (ind.rsi() != null) {
            if (ind.rsi() <= 30) {
                score += 2;
                reasons.add("RSI " + Numbers.decimal(ind.rsi()) + " 과매도 구간");
            } else if (ind.rsi() >= 70) {
                score -= 2;
                reasons.add("RSI " + Numbers.decimal(ind.rsi()) + " 과매수 구간");
            }
        }
        if (ind.macdHistogram() != null && ind.macdHistogram() != 0) {
            boolean up = ind.macdHistogram() > 0;
            score += up ? 1 : -1;
            reasons.add(up ? "MACD가 시그널선 위 (상승 모멘텀)" : "MACD가 시그널선 아래 (하락 모멘텀)");
        }
        if (ind.bollingerLower() != null) {
            if (price < ind.bollingerLower()) {
                score += 1;
                reasons.add("가격이 볼린저 하단 아래");
            } else if (price > ind.bollingerUpper()) {
                score -= 1;
                reasons.add("가격이 볼린저 상단 위");
            }
        }
        Double sma20 = ind.priceSma().get(20);
        Double sma60 = ind.priceSma().get(60);
        if (sma20 != null && sma60 != null) {
            score += sma20 >= sma60 ? 1 : -1;
            reasons.add(sma20 >= sma60 ? "SMA20이 SMA60 위 (상승 추세)" : "SMA20이 SMA60 아래 (하락 추세)");
        }
        if (ind.stochasticK() != null) {
            if (ind.stochasticK() < 20) {
                score += 1;
            } else if (ind.stochasticK() > 80) {
                score -= 1;
            }
        }
        String decision = score >= 2 ? "buy" : score <= -2 ? "sell" : "hold";
        int confidence = "hold".equals(decision) ? 50 - 5 * Math.abs(score) : Math.min(80, 40 + 8 * Math.abs(score));
        if (reasons.isEmpty()) {
            reasons.add("지표를 계산할 데이터가 부족함");
        }

        // Bands are clamped around the price: after a spike the lower band can even go negative, and a
        // rules-v1 range must obey the same contract as a model's (positive, within reach of the price).
        double lowAnchor = clamp(ind.bollingerLower(), price * 0.95, price * LOWEST, price * 0.98);
        double midAnchor = clamp(ind.bollingerMiddle(), price, price * LOWEST, price * HIGHEST);
        double highAnchor = clamp(ind.bollingerUpper(), price * 1.05, price * 1.02, price * HIGHEST);
        PriceRange appropriateBuy = ordered(Math.min(lowAnchor, price * 0.98), Math.min(midAnchor, price) * 0.995);
        PriceRange buyHope = new PriceRange(appropriateBuy.min() * 0.97, appropriateBuy.min());
        PriceRange appropriateSell = ordered(Math.max(midAnchor, price) * 1.01, Math.max(highAnchor, price * 1.02));
        PriceRange sellTarget = new PriceRange(appropriateSell.max(), appropriateSell.max() * 1.03);

        String detail = "### 규칙 기반 분석 (" + MODEL_NAME + ")\n\n"
                + "Gemini 키가 설정되지 않아 지표 점수로 판단했습니다. 점수: " + score + "\n\n- "
                + String.join("\n- ", reasons) + "\n";
        return new Decision(decision, confidence, List.copyOf(reasons.subList(0, Math.min(3, reasons.size()))),
                appropriateBuy, appropriateSell, buyHope, sellTarget, detail);
    }

    private static double clamp(Double value, double fallback, double low, double high) {
        return Math.max(low, Math.min(high, value == null ? fallback : value));
    }

    private static PriceRange ordered(double a, double b) {
        return new PriceRange(Math.min(a, b), Math.max(a, b));
    }
}
