package com.autotrader.scorecard;

import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScorecardTest {

    final Clock clock = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);
    final Scorecard card = new Scorecard("7, 1,3", 500, "555", clock);

    @Test
    void horizonsAreSortedWholeDaysAndNonsenseStopsTheStart() {
        assertThat(card.horizons()).containsExactly(1, 3, 7);
        assertThatThrownBy(() -> new Scorecard("0,3", 1, "", clock)).hasMessageContaining("SCORECARD_HORIZONS");
        assertThatThrownBy(() -> new Scorecard("", 1, "", clock)).hasMessageContaining("SCORECARD_HORIZONS");
    }

    @Test
    void anAnalysisIsDueOnceItIsAsOldAsTheHorizon() {
        assertThat(card.dueQuery(3)).containsEntry("cutoff", Timestamp.from(Instant.parse("2026-11-23T00:00:00Z")))
                .containsEntry("horizon", 3).containsEntry("limit", 500);
    }

    @Test
    void theAnalysisDayIsTheExchangesOwnCalendarDay() {
        // 2026-11-25 20:00 UTC is already the 26th in Seoul but still the 25th in New York
        Timestamp at = Timestamp.from(Instant.parse("2026-11-25T20:00:00Z"));
        assertThat(Scorecard.analysisDay("upbit", at)).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(Scorecard.analysisDay("kis", at)).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(Scorecard.analysisDay("yahoo", at)).isEqualTo(LocalDate.of(2026, 11, 25));
    }

    @Test
    void tallyCountsOnlyScoredRowsInTheRateAndMissingOnesApart() {
        List<Map<String, Object>> rows = List.of(
                row("scored", true, 80), row("scored", false, 80), row("scored", true, 30), row("missing", null, 50));
        Map<String, Object> view = card.view(rows);
        assertThat((Map<String, Object>) view.get("overall")).containsEntry("scored", 3L).containsEntry("hits", 2L)
                .containsEntry("missing", 1L).containsEntry("hit_rate", 0.6667);
        assertThat(((Map<String, Map<String, Object>>) view.get("by_confidence")).get("70+")).containsEntry("hit_rate", 0.5);
        assertThat(((Map<String, Map<String, Object>>) view.get("by_confidence")).get("40-69")).containsEntry("hit_rate", null);
        assertThat(card.summary(rows).text()).contains("채점 3건 · 적중률 66.7% · 데이터 부족 1건");
        assertThat(card.summary(rows).chatId()).isEqualTo("555");
    }

    private static Map<String, Object> row(String status, Boolean hit, int confidence) {
        Map<String, Object> r = new java.util.HashMap<>();
        r.put("status", status);
        r.put("hit", hit);
        r.put("buy_range_filled", Boolean.TRUE);
        r.put("sell_range_filled", Boolean.FALSE);
        r.put("horizon_days", 1);
        r.put("model_name", "m");
        r.put("market", "upbit");
        r.put("decision", "buy");
        r.put("confidence", confidence);
        return r;
    }
}
