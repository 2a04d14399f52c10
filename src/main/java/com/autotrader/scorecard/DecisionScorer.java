package com.autotrader.scorecard;

import com.autotrader.analysis.PriceRange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Grades one stored analysis against the daily candles that followed it, so the scorecard measures what the
 * decisions were worth rather than how confident they sounded. Pure: no I/O, the caller supplies the candles.
 * <p>
 * Daily bars cannot say whether a day's high came before its low, so a day that touches both the target and
 * the stop counts against the decision (conservative). A horizon the candles do not fully reach yet, or one
 * with no candle at all, is reported as missing rather than guessed, so it can be scored later.
 */
@Component
public class DecisionScorer {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int PCT_SCALE = 4;

    private final Thresholds thresholds;

    /** Spring's constructor: the thresholds are configurable so "right" can be tuned without a release. */
    @Autowired
    public DecisionScorer(@Value("${scorecard.gain-pct:3}") double gainPct,
                          @Value("${scorecard.stop-pct:3}") double stopPct,
                          @Value("${scorecard.hold-band-pct:3}") double holdBandPct) {
        this(new Thresholds(gainPct, stopPct, holdBandPct));
    }

    /** Direct constructor, for tests and callers that already hold the thresholds. */
    public DecisionScorer(Thresholds thresholds) {
        Objects.requireNonNull(thresholds, "thresholds");
        // A zero or negative percentage would put the target/stop on the wrong side of the price: reject early.
        requirePositive("gain-pct", thresholds.gainPct());
        requirePositive("stop-pct", thresholds.stopPct());
        requirePositive("hold-band-pct", thresholds.holdBandPct());
        this.thresholds = thresholds;
    }

    Thresholds thresholds() {
        return thresholds;
    }

    /**
     * Scores {@code in} over the {@code horizonDays} calendar days after its analysis day.
     *
     * @param bars            candles of the analysed instrument; may hold other days and be in any order
     * @param latestStoredDay the newest candle day stored for the instrument; null when none is stored
     * @return a scored result, or {@link Score#missing} when the candles do not cover the horizon
     * @throws IllegalArgumentException for a decision other than buy, hold or sell, a horizon below 1 day or a
     *                                  non-positive price
     */
    public Score score(ScoringInput in, int horizonDays, List<DailyBar> bars, LocalDate latestStoredDay) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(in.analysisDay(), "analysisDay");
        // Checked before "missing" so a bad row fails loudly instead of sitting as missing forever.
        String decision = in.decision();
        if (!"buy".equals(decision) && !"sell".equals(decision) && !"hold".equals(decision)) {
            throw new IllegalArgumentException("unknown decision: " + decision);
        }
        if (horizonDays < 1) {
            throw new IllegalArgumentException("horizonDays must be at least 1: " + horizonDays);
        }
        double p0 = in.price();
        if (!(p0 > 0) || Double.isInfinite(p0)) {
            throw new IllegalArgumentException("price must be positive: " + p0);
        }

        LocalDate start = in.analysisDay();
        LocalDate end = start.plusDays(horizonDays);
        if (latestStoredDay == null || latestStoredDay.isBefore(end)) {
            return Score.missing(in.analysisId(), horizonDays);
        }
        List<DailyBar> window = bars == null ? List.of() : bars.stream()
                .filter(b -> b.day().isAfter(start) && !b.day().isAfter(end))
                .sorted(Comparator.comparing(DailyBar::day))
                .toList();
        if (window.isEmpty()) {
            return Score.missing(in.analysisId(), horizonDays);
        }

        boolean hit = switch (decision) {
            case "buy" -> buyHit(window, p0);
            case "sell" -> sellHit(window, p0);
            default -> holdHit(window, p0);
        };
        double maxHigh = window.stream().mapToDouble(DailyBar::high).max().orElseThrow();
        double minLow = window.stream().mapToDouble(DailyBar::low).min().orElseThrow();
        double lastClose = window.get(window.size() - 1).close();
        return new Score(in.analysisId(), horizonDays, Score.SCORED, hit,
                buyRangeFilled(window, in.appropriateBuy()), sellRangeFilled(window, in.appropriateSell()),
                pct(maxHigh, p0), pct(minLow, p0), pct(lastClose, p0));
    }

    /** The confidence bucket the scorecard groups by, so calibration can be compared across bands. */
    public static String confidenceBand(int confidence) {
        if (confidence >= 70) {
            return "70+";
        }
        return confidence >= 40 ? "40-69" : "<40";
    }

    private boolean buyHit(List<DailyBar> window, double p0) {
        double up = above(p0, thresholds.gainPct());
        double down = below(p0, thresholds.stopPct());
        for (DailyBar bar : window) {
            boolean target = bar.high() >= up;
            boolean stop = bar.low() <= down;
            if (stop) {
                return false; // stopped out, or ambiguous same-day touch: never credited
            }
            if (target) {
                return true;
            }
        }
        return false;
    }

    private boolean sellHit(List<DailyBar> window, double p0) {
        double down = below(p0, thresholds.gainPct());
        double up = above(p0, thresholds.stopPct());
        for (DailyBar bar : window) {
            boolean target = bar.low() <= down;
            boolean stop = bar.high() >= up;
            if (stop) {
                return false;
            }
            if (target) {
                return true;
            }
        }
        return false;
    }

    private boolean holdHit(List<DailyBar> window, double p0) {
        double low = below(p0, thresholds.holdBandPct());
        double high = above(p0, thresholds.holdBandPct());
        return window.stream().allMatch(b -> b.low() >= low && b.high() <= high);
    }

    /** Null when the analysis has no range: unknown, not "did not fill". */
    private static Boolean buyRangeFilled(List<DailyBar> window, PriceRange range) {
        return range == null ? null : window.stream().anyMatch(b -> b.low() <= range.max());
    }

    private static Boolean sellRangeFilled(List<DailyBar> window, PriceRange range) {
        return range == null ? null : window.stream().anyMatch(b -> b.high() >= range.min());
    }

    // p0 * (100 ± pct) / 100 rather than p0 * (1 ± pct/100): keeps round prices exact (100 * 103 / 100 == 103),
    // so a move of exactly the threshold counts.
    private static double above(double p0, double pct) {
        return p0 * (100 + pct) / 100;
    }

    private static double below(double p0, double pct) {
        return p0 * (100 - pct) / 100;
    }

    /** Decimal arithmetic so HALF_UP applies to the price as written, not to binary noise. */
    private static double pct(double value, double p0) {
        return BigDecimal.valueOf(value).subtract(BigDecimal.valueOf(p0)).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(p0), PCT_SCALE, RoundingMode.HALF_UP).doubleValue();
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("scorecard." + name + " must be positive: " + value);
        }
    }
}
