package com.autotrader.scorecard;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code decision_hit_ratio} and {@code decision_scored} by model, market, decision, horizon and confidence band,
 * refreshed after each scoring run. The row with every label "all" always exists (NaN until something is
 * scored), so a dashboard has a series from the start.
 */
@Component
public class ScorecardMetrics {

    private final MultiGauge hitRatio;
    private final MultiGauge scored;

    public ScorecardMetrics(MeterRegistry registry) {
        hitRatio = MultiGauge.builder("decision.hit.ratio")
                .description("Share of scored analyses whose call came true").register(registry);
        scored = MultiGauge.builder("decision.scored").description("Analyses scored").register(registry);
        refresh(Map.of(), List.of());
    }

    /** {@code overall} and {@code groups} as Scorecard.view/groups make them. */
    public void refresh(Map<String, Object> overall, List<Map<String, Object>> groups) {
        List<MultiGauge.Row<?>> ratios = new ArrayList<>();
        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        Tags all = Tags.of("model", "all", "market", "all", "decision", "all", "horizon", "all", "confidence_band", "all");
        ratios.add(MultiGauge.Row.of(all, number(overall.get("hit_rate"))));
        counts.add(MultiGauge.Row.of(all, number(overall.getOrDefault("scored", 0))));
        for (Map<String, Object> g : groups) {
            Tags tags = Tags.of("model", String.valueOf(g.get("model")), "market", String.valueOf(g.get("market")),
                    "decision", String.valueOf(g.get("decision")), "horizon", String.valueOf(g.get("horizon_days")),
                    "confidence_band", String.valueOf(g.get("confidence_band")));
            ratios.add(MultiGauge.Row.of(tags, number(g.get("hit_rate"))));
            counts.add(MultiGauge.Row.of(tags, number(g.get("scored"))));
        }
        hitRatio.register(ratios, true);
        scored.register(counts, true);
    }

    /** For the route: the view's overall tally and groups. */
    @SuppressWarnings("unchecked")
    public void refresh(Map<String, Object> view) {
        refresh((Map<String, Object>) view.get("overall"), (List<Map<String, Object>>) view.get("groups"));
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
