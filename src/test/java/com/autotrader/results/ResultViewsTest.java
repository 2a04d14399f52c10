package com.autotrader.results;

import com.autotrader.api.QueryParams;
import com.autotrader.api.BadRequestException;
import com.autotrader.api.NotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResultViews views = new ResultViews();

    // ---- query -----------------------------------------------------------------------------------------------

    @Test
    void queryDefaults() {
        Map<String, Object> q = views.query(null, null, null, null, null);

        assertThat(q).containsEntry("page", 1).containsEntry("page_size", 20).containsEntry("limit", 20)
                .containsEntry("offset", 0);
        assertThat(q.get("market")).isNull();
        assertThat(q.get("decision")).isNull();
        assertThat(q.get("symbol")).isNull();
        assertThat(views.query("", " ", "", " ", "")).containsEntry("page", 1).containsEntry("page_size", 20);
    }

    @Test
    void pageThreeOfTenStartsAtTwenty() {
        Map<String, Object> q = views.query(null, null, null, "3", "10");

        assertThat(q).containsEntry("page", 3).containsEntry("page_size", 10).containsEntry("limit", 10)
                .containsEntry("offset", 20);
    }

    @Test
    void filtersAreNormalised() {
        Map<String, Object> q = views.query(" UPBIT ", " krw-btc ", "Buy", "1", "100");

        assertThat(q).containsEntry("market", "upbit").containsEntry("symbol", "KRW-BTC")
                .containsEntry("decision", "buy").containsEntry("page_size", 100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "abc", "-1", "1.5", "99999999999"})
    void badPageSizeIsRejected(String pageSize) {
        assertThatThrownBy(() -> views.query(null, null, null, null, pageSize))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("page_size");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "x", "99999999"})
    void badPageIsRejected(String page) {
        assertThatThrownBy(() -> views.query(null, null, null, page, null))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("page");
    }

    @Test
    void unknownFiltersAreRejected() {
        assertThatThrownBy(() -> views.query("nasdaq", null, null, null, null))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("market");
        assertThatThrownBy(() -> views.query(null, null, "maybe", null, null))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("decision");
        assertThatThrownBy(() -> views.query(null, "<script>", null, null, null))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("symbol");
        assertThatThrownBy(() -> views.marketFilter("binance")).isInstanceOf(BadRequestException.class);
        assertThat(views.marketFilter("Yahoo")).containsEntry("market", "yahoo");
    }

    @Test
    void idParamAcceptsOnlyPositiveWholeNumbers() {
        assertThat(views.idParam(" 12 ")).containsEntry("id", 12L);
        for (String bad : new String[] {"0", "-4", "abc", "1.0", null}) {
            assertThatThrownBy(() -> views.idParam(bad)).as(String.valueOf(bad))
                    .isInstanceOf(BadRequestException.class);
        }
    }

    // ---- view ------------------------------------------------------------------------------------------------

    /** A select-result row as H2 may return it: upper-case column names, NUMERIC as BigDecimal. */
    private static Map<String, Object> row() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ID", 7L);
        r.put("MARKET", "upbit");
        r.put("ASSET_TYPE", "crypto");
        r.put("SYMBOL", "KRW-BTC");
        r.put("NAME", "비트코인");
        r.put("DECISION", "buy");
        r.put("CONFIDENCE", 80);
        r.put("REASONS", "[\"MACD 골든크로스\",\"RSI 중립 구간\"]");
        r.put("APPROPRIATE_BUY_MIN", new BigDecimal("97000000.00000000"));
        r.put("APPROPRIATE_BUY_MAX", new BigDecimal("99000000.00000000"));
        r.put("APPROPRIATE_SELL_MIN", new BigDecimal("105000000.00000000"));
        r.put("APPROPRIATE_SELL_MAX", new BigDecimal("108000000.00000000"));
        r.put("BUY_HOPE_MIN", new BigDecimal("93000000.00000000"));
        r.put("BUY_HOPE_MAX", new BigDecimal("96000000.00000000"));
        r.put("SELL_TARGET_MIN", new BigDecimal("110000000.00000000"));
        r.put("SELL_TARGET_MAX", new BigDecimal("0.00012500"));
        r.put("CURRENT_PRICE", new BigDecimal("100000000.50000000"));
        r.put("MODEL_NAME", "gemini-2.5-flash");
        r.put("PROMPT_TOKENS", 1234);
        r.put("COMPLETION_TOKENS", 321);
        r.put("TOTAL_TOKENS", 1555);
        r.put("LATENCY_MS", 1500L);
        r.put("TRACE_ID", "4bf92f3577b34da6a3ce929d0e0e4736");
        r.put("CREATED_AT", Timestamp.from(Instant.parse("2026-11-25T06:30:15Z")));
        return r;
    }

    @Test
    void viewMapsARowIntoTheJsonShape() {
        Map<String, Object> view = views.view(row());
        JsonNode json = JSON.valueToTree(view);

        assertThat(view.keySet()).containsExactly("id", "market", "asset_type", "symbol", "name", "decision",
                "confidence", "reasons", "price_analysis", "current_price", "model_name", "tokens", "latency_ms",
                "trace_id", "created_at");
        assertThat(json.path("id").asLong()).isEqualTo(7);
        assertThat(json.path("symbol").asText()).isEqualTo("KRW-BTC");
        assertThat(json.path("name").asText()).isEqualTo("비트코인");
        assertThat(json.path("decision").asText()).isEqualTo("buy");
        assertThat(json.path("confidence").asInt()).isEqualTo(80);
        assertThat(view.get("reasons")).isEqualTo(List.of("MACD 골든크로스", "RSI 중립 구간"));

        JsonNode prices = json.path("price_analysis");
        assertThat(prices.size()).isEqualTo(4);
        assertThat(prices.at("/appropriate_buy_range/min").isIntegralNumber()).isTrue();
        assertThat(prices.at("/appropriate_buy_range/min").asLong()).isEqualTo(97_000_000);
        assertThat(prices.at("/appropriate_buy_range/max").asLong()).isEqualTo(99_000_000);
        assertThat(prices.at("/appropriate_sell_range/min").asLong()).isEqualTo(105_000_000);
        assertThat(prices.at("/appropriate_sell_range/max").asLong()).isEqualTo(108_000_000);
        assertThat(prices.at("/buy_hope_range/min").asLong()).isEqualTo(93_000_000);
        assertThat(prices.at("/buy_hope_range/max").asLong()).isEqualTo(96_000_000);
        assertThat(prices.at("/sell_target_range/min").asLong()).isEqualTo(110_000_000);
        assertThat(prices.at("/sell_target_range/max").decimalValue()).isEqualByComparingTo("0.000125");
        assertThat(json.path("current_price").decimalValue()).isEqualByComparingTo("100000000.5");

        assertThat(json.path("model_name").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(json.at("/tokens/prompt").asInt()).isEqualTo(1234);
        assertThat(json.at("/tokens/completion").asInt()).isEqualTo(321);
        assertThat(json.at("/tokens/total").asInt()).isEqualTo(1555);
        assertThat(json.path("latency_ms").asLong()).isEqualTo(1500);
        assertThat(json.path("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(json.path("created_at").asText()).isEqualTo("2026-11-25T15:30:15+09:00");
    }

    @Test
    void viewIncludesDetailAndPromptOnlyWhenSelected() {
        Map<String, Object> r = row();
        r.put("DETAILED_TEXT", "## 분석");
        r.put("PROMPT", "비트코인을 분석해 주세요");
        r.put("CREATED_AT", OffsetDateTime.of(2026, 1, 1, 0, 0, 5, 0, ZoneOffset.UTC));
        r.put("TOKENS_UNUSED", 1);
        r.put("PROMPT_TOKENS", null);

        Map<String, Object> view = views.view(r);

        assertThat(view).containsEntry("detailed_text", "## 분석").containsEntry("prompt", "비트코인을 분석해 주세요");
        assertThat(view).containsEntry("created_at", "2026-01-01T09:00:05+09:00");
        assertThat(view).doesNotContainKey("tokens_unused");
        @SuppressWarnings("unchecked")
        Map<String, Object> tokens = (Map<String, Object>) view.get("tokens");
        assertThat(tokens).containsEntry("prompt", null).containsEntry("total", 1555);
    }

    @Test
    void lowerCaseColumnsWorkToo() {
        Map<String, Object> lower = new HashMap<>();
        row().forEach((k, v) -> lower.put(k.toLowerCase(), v));

        assertThat(views.view(lower)).isEqualTo(views.view(row()));
    }

    @Test
    void foundWithoutARowIsNotFound() {
        assertThatThrownBy(() -> views.found(null, 42)).isInstanceOf(NotFoundException.class).hasMessageContaining("42");
        assertThatThrownBy(() -> views.found(Map.of(), 42)).isInstanceOf(NotFoundException.class);
        assertThat(views.found(row(), 7)).containsEntry("symbol", "KRW-BTC");
    }

    @Test
    void pageWrapsItemsWithPagingAndTotal() {
        Map<String, Object> q = views.query(null, null, null, "2", "5");

        Map<String, Object> page = views.page(List.of(row(), row()), 7L, q);

        assertThat(page.keySet()).containsExactly("items", "page", "page_size", "total");
        assertThat(page).containsEntry("page", 2).containsEntry("page_size", 5).containsEntry("total", 7L);
        assertThat((List<?>) page.get("items")).hasSize(2);
        assertThat(views.page(List.of(), null, q)).containsEntry("total", 0L);
    }

    // ---- statistics ------------------------------------------------------------------------------------------

    private static Map<String, Object> statRow(String market, String decision, long total, double average, String at) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("MARKET", market);
        r.put("DECISION", decision);
        r.put("TOTAL", total);
        r.put("AVERAGE_CONFIDENCE", average);
        r.put("LATEST_AT", OffsetDateTime.parse(at));
        return r;
    }

    @Test
    @SuppressWarnings("unchecked")
    void statisticsFoldRowsIntoTotalsDecisionsWeightedAveragesAndMarkets() {
        List<Map<String, Object>> rows = List.of(
                statRow("upbit", "buy", 3, 80.0, "2026-11-25T06:00:10Z"),
                statRow("upbit", "hold", 1, 60.0, "2026-11-25T07:00:10Z"),
                statRow("yahoo", "sell", 2, 50.0, "2026-11-24T06:00:10Z"));

        Map<String, Object> stats = views.statistics(rows);

        assertThat(stats).containsEntry("total", 6L);
        assertThat((Map<String, Long>) stats.get("decisions"))
                .containsExactly(Map.entry("buy", 3L), Map.entry("hold", 1L), Map.entry("sell", 2L));
        // weighted by counts: (3·80 + 1·60 + 2·50) / 6, not the plain mean of the averages (63.3)
        assertThat(stats).containsEntry("average_confidence", 66.7);
        assertThat(stats).containsEntry("latest_at", "2026-11-25T16:00:10+09:00");

        Map<String, Object> markets = (Map<String, Object>) stats.get("markets");
        assertThat(markets.keySet()).containsExactly("upbit", "yahoo");
        Map<String, Object> upbit = (Map<String, Object>) markets.get("upbit");
        assertThat(upbit).containsEntry("total", 4L).containsEntry("average_confidence", 75.0)
                .containsEntry("latest_at", "2026-11-25T16:00:10+09:00");
        assertThat((Map<String, Long>) upbit.get("decisions"))
                .containsExactly(Map.entry("buy", 3L), Map.entry("hold", 1L), Map.entry("sell", 0L));
        Map<String, Object> yahoo = (Map<String, Object>) markets.get("yahoo");
        assertThat(yahoo).containsEntry("total", 2L).containsEntry("average_confidence", 50.0)
                .containsEntry("latest_at", "2026-11-24T15:00:10+09:00");
        assertThat((Map<String, Long>) yahoo.get("decisions"))
                .containsExactly(Map.entry("buy", 0L), Map.entry("hold", 0L), Map.entry("sell", 2L));
    }

    @Test
    @SuppressWarnings("unchecked")
    void statisticsOfNothingAreZeroWithoutAnAverage() {
        Map<String, Object> stats = views.statistics(List.of());

        assertThat(stats).containsEntry("total", 0L).containsEntry("average_confidence", null)
                .containsEntry("latest_at", null);
        assertThat((Map<String, Long>) stats.get("decisions")).containsOnly(
                Map.entry("buy", 0L), Map.entry("hold", 0L), Map.entry("sell", 0L));
        assertThat((Map<String, Object>) stats.get("markets")).isEmpty();
    }

    @Test
    void timesAlwaysCarrySecondsAndTheKoreanOffset() {
        assertThat(QueryParams.time(Timestamp.from(Instant.parse("2026-11-25T06:30:00Z"))))
                .isEqualTo("2026-11-25T15:30:00+09:00");
        assertThat(QueryParams.time(OffsetDateTime.of(2026, 11, 25, 6, 30, 15, 500_000_000, ZoneOffset.UTC)))
                .isEqualTo("2026-11-25T15:30:15+09:00");
    }
}
