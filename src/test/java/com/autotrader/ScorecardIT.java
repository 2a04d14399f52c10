package com.autotrader;

import com.autotrader.support.Await;
import com.autotrader.support.Http;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestServers;
import com.autotrader.support.TradingFixtures;
import com.autotrader.support.UpstreamStubs;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision scorecard on embedded PostgreSQL: analyses with known outcomes are scored at 1, 3 and 7 days
 * from stored candles, a horizon the candles do not cover yet is marked missing (and scored once they do), an
 * analysis too young is left alone, a re-run scores nothing twice; the API, the gauges and the weekly summary
 * tell the same numbers; and an analysis keeps its daily candles without duplicates.
 */
@CamelSpringBootTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=it-scorecard",
        "analysis.schedule.enabled=false",
        "gemini.api-keys=",
        "telegram.token=" + TelegramStub.TOKEN,
        "telegram.chat-id=555",
        "telegram.per-chat-interval-ms=10"
})
class ScorecardIT {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final WireMockServer telegram = TestServers.telegram();
    static final WireMockServer upbit = TestServers.upbit();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    MeterRegistry meters;

    static final Instant TEN_DAYS_AGO = Instant.now().minus(Duration.ofDays(10));
    static final LocalDate DAY = TEN_DAYS_AGO.atZone(SEOUL).toLocalDate();

    long analysis(String symbol, String decision, int confidence, Instant at) {
        long id = TradingFixtures.analysis(jdbc, symbol, symbol, decision, new double[]{97, 98}, new double[]{104, 105},
                new double[]{95, 96}, new double[]{106, 108}, 100);
        jdbc.update("UPDATE stock_analysis_results SET confidence = ?, created_at = ? WHERE id = ?", confidence,
                Timestamp.from(at), id);
        return id;
    }

    /** Daily bars D+1 … as {high, low} pairs around a price of 100. */
    void bars(String symbol, double[]... highLow) {
        for (int i = 0; i < highLow.length; i++) {
            double high = highLow[i][0];
            double low = highLow[i][1];
            jdbc.update("""
                    INSERT INTO candles (market, symbol, trade_date, open_price, high_price, low_price, close_price, volume)
                    VALUES ('upbit', ?, ?, 100, ?, ?, ?, 1)""", symbol, Date.valueOf(DAY.plusDays(i + 1)), high, low,
                    (high + low) / 2);
        }
    }

    static double[] hl(double high, double low) {
        return new double[]{high, low};
    }

    Map<Integer, Object> outcomes(long id) {
        Map<Integer, Object> out = new java.util.TreeMap<>();
        jdbc.queryForList("SELECT horizon_days, status, hit FROM decision_scores WHERE analysis_id = ?", id)
                .forEach(r -> out.put(((Number) r.get("horizon_days")).intValue(),
                        "missing".equals(r.get("status")) ? "missing" : r.get("hit")));
        return out;
    }

    static long buy;
    static long sell;
    static long hold;
    static long gap;
    static long young;

    @Test
    @Order(1)
    void eachDecisionIsScoredAtEachHorizonFromTheStoredCandles() {
        jdbc.update("DELETE FROM orders");
        jdbc.update("DELETE FROM decision_scores");
        jdbc.update("DELETE FROM stock_analysis_results");
        jdbc.update("DELETE FROM candles");
        buy = analysis("KRW-TBUY", "buy", 80, TEN_DAYS_AGO);
        bars("KRW-TBUY", hl(104, 99), hl(102, 99), hl(101, 99), hl(101, 99), hl(101, 99), hl(101, 99), hl(101, 99),
                hl(101, 99), hl(101, 99));
        sell = analysis("KRW-TSELL", "sell", 50, TEN_DAYS_AGO);
        bars("KRW-TSELL", hl(101, 99.5), hl(100.5, 96), hl(100, 95), hl(100, 95), hl(100, 95), hl(100, 95),
                hl(100, 95), hl(100, 95), hl(100, 95));
        hold = analysis("KRW-THOLD", "hold", 30, TEN_DAYS_AGO);
        bars("KRW-THOLD", hl(102, 98), hl(102, 98), hl(102, 98), hl(102, 98), hl(102, 98), hl(105, 98), hl(102, 98),
                hl(102, 98), hl(102, 98));
        // candles stop two days after this analysis: 3 and 7 days cannot be judged yet
        gap = analysis("KRW-TGAP", "buy", 75, TEN_DAYS_AGO);
        bars("KRW-TGAP", hl(100.5, 99.5), hl(100.5, 99.5));
        young = analysis("KRW-TBUY", "buy", 90, Instant.now().minus(Duration.ofHours(2)));

        producer.sendBody("direct:score-decisions", null);

        assertThat(outcomes(buy)).containsExactly(Map.entry(1, true), Map.entry(3, true), Map.entry(7, true));
        assertThat(outcomes(sell)).containsExactly(Map.entry(1, false), Map.entry(3, true), Map.entry(7, true));
        assertThat(outcomes(hold)).containsExactly(Map.entry(1, true), Map.entry(3, true), Map.entry(7, false));
        assertThat(outcomes(gap)).containsExactly(Map.entry(1, false), Map.entry(3, "missing"), Map.entry(7, "missing"));
        assertThat(outcomes(young)).isEmpty();
        Map<String, Object> range = jdbc.queryForMap(
                "SELECT buy_range_filled, sell_range_filled, max_gain_pct FROM decision_scores WHERE analysis_id = ? AND horizon_days = 1", buy);
        // the low of 99 never reached the buy range's top of 98; the high of 104 reached the sell range's 104
        assertThat(range).containsEntry("buy_range_filled", false).containsEntry("sell_range_filled", true);
        assertThat(((Number) range.get("max_gain_pct")).doubleValue()).isEqualTo(4.0);
    }

    @Test
    @Order(2)
    void aReRunScoresNothingTwiceAndScoresTheMissingOnesOnceTheirCandlesArrive() {
        List<Map<String, Object>> before = jdbc.queryForList(
                "SELECT analysis_id, horizon_days, scored_at FROM decision_scores WHERE status = 'scored' ORDER BY 1, 2");

        producer.sendBody("direct:score-decisions", null);

        assertThat(jdbc.queryForList(
                "SELECT analysis_id, horizon_days, scored_at FROM decision_scores WHERE status = 'scored' ORDER BY 1, 2"))
                .isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_scores", Integer.class)).isEqualTo(12);

        jdbc.update("""
                INSERT INTO candles (market, symbol, trade_date, open_price, high_price, low_price, close_price, volume)
                VALUES ('upbit', 'KRW-TGAP', ?, 100, 104, 100, 103, 1), ('upbit', 'KRW-TGAP', ?, 103, 103, 101, 102, 1)""",
                Date.valueOf(DAY.plusDays(3)), Date.valueOf(DAY.plusDays(8)));
        producer.sendBody("direct:score-decisions", null);

        assertThat(outcomes(gap)).containsExactly(Map.entry(1, false), Map.entry(3, true), Map.entry(7, true));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_scores", Integer.class)).isEqualTo(12);
    }

    @Test
    @Order(3)
    void theApiTheGaugesAndTheWeeklySummaryTellTheSameNumbers() {
        // 12 scored: buy 3/3, sell 2/3, hold 2/3, the late buy 2/3 → 9 hits
        JsonNode card = new Http(port).get("/api/scorecard").json();
        assertThat(card.path("overall").path("scored").asInt()).as(card.toString()).isEqualTo(12);
        assertThat(card.path("overall").path("hits").asInt()).isEqualTo(9);
        assertThat(card.path("overall").path("hit_rate").asDouble()).isEqualTo(0.75);
        assertThat(card.path("by_decision").path("sell").path("hits").asInt()).isEqualTo(2);
        assertThat(card.path("by_horizon").path("1").path("hit_rate").asDouble()).isEqualTo(0.5);
        assertThat(card.path("by_confidence").path("70+").path("scored").asInt()).isEqualTo(6);
        assertThat(card.path("by_confidence").path("<40").path("hits").asInt()).isEqualTo(2);
        assertThat(card.path("by_model").path("test-model").path("scored").asInt()).isEqualTo(12);

        assertThat(meters.get("decision.hit.ratio").tags("model", "all", "horizon", "all").gauge().value()).isEqualTo(0.75);
        assertThat(meters.get("decision.hit.ratio").tags("decision", "hold", "horizon", "7").gauge().value()).isZero();
        assertThat(meters.get("decision.scored").tags("decision", "buy", "horizon", "1", "confidence_band", "70+")
                .gauge().value()).isEqualTo(2);

        telegram.resetAll();
        TelegramStub.accepts(telegram);
        producer.sendBody("direct:send-scorecard-summary", null);
        assertThat(Await.until(Duration.ofSeconds(5), () -> !TelegramStub.sent(telegram).isEmpty())).isTrue();
        String summary = TelegramStub.messages(telegram).get(0).path("text").asText();
        assertThat(summary).startsWith("📊 <b>주간 판단 성적표</b>").contains("채점 12건 · 적중률 75.0%", "1일: 50.0% (4건)");
    }

    @Test
    @Order(4)
    void anAnalysisKeepsItsDailyCandlesOnceEach() {
        UpstreamStubs.upbit(upbit);
        Http http = new Http(port);
        assertThat(http.post("/api/analyze/upbit/BTC").status()).isEqualTo(200);
        int first = jdbc.queryForObject("SELECT COUNT(*) FROM candles WHERE symbol = 'KRW-BTC'", Integer.class);
        assertThat(http.post("/api/analyze/upbit/BTC").status()).isEqualTo(200);

        assertThat(first).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM candles WHERE symbol = 'KRW-BTC'", Integer.class)).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT trade_date) FROM candles WHERE symbol = 'KRW-BTC'",
                Integer.class)).isEqualTo(200);
    }
}
