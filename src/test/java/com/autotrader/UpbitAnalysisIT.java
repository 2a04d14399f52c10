package com.autotrader;

import com.autotrader.support.GeminiFixtures;
import com.autotrader.support.Http;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.autotrader.support.UpstreamStubs.BTC_PRICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * REST → analyze-coin → every step → a row in real PostgreSQL, with WireMock playing Upbit and Gemini in
 * their documented shapes. Gemini is configured with two keys and two models.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // each test context gets its own Quartz scheduler (they are named after the Camel context)
        "camel.main.name=it-analysis",
        "gemini.api-keys=test-key-one,test-key-two",
        "gemini.models=gemini-pro-test,gemini-flash-test",
        "gemini.retry-backoff=50ms",
        "gemini.max-retry-wait=3s",
        "analysis.schedule.enabled=false"
})
class UpbitAnalysisIT {

    static final String PRO = "gemini-pro-test";
    static final String FLASH = "gemini-flash-test";
    static final WireMockServer upbit = TestServers.upbit();
    static final WireMockServer gemini = TestServers.gemini();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    Http http;

    @BeforeEach
    void reset() {
        http = new Http(port);
        upbit.resetAll();
        gemini.resetAll();
        UpstreamStubs.upbit(upbit);
        jdbc.update("DELETE FROM stock_analysis_results");
    }

    @Test
    void analysisByKoreanNameLandsInPostgresWithTheModelsDecision() {
        UpstreamStubs.geminiAnswers(gemini, PRO, GeminiFixtures.decisionJson("buy", 82, BTC_PRICE));

        Http.Response response = http.post("/api/analyze/upbit/" + Http.encode("비트코인"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("symbol").asText()).isEqualTo("KRW-BTC");
        assertThat(body.path("name").asText()).isEqualTo("비트코인");
        assertThat(body.path("decision").asText()).isEqualTo("buy");
        assertThat(body.path("confidence").asInt()).isEqualTo(82);
        assertThat(body.path("model_name").asText()).isEqualTo(PRO);
        assertThat(body.path("price_analysis").path("sell_target_range").path("max").asDouble())
                .isEqualTo(Math.round(BTC_PRICE * 1.15));

        Map<String, Object> row = jdbc.queryForMap("""
                SELECT r.*, s.symbol, s.name, s.market, s.asset_type FROM stock_analysis_results r
                JOIN stock_info s ON s.id = r.stock_info_id WHERE r.id = ?""", body.path("id").asLong());
        assertThat(row.get("decision")).isEqualTo("buy");
        assertThat(row.get("confidence")).isEqualTo(82);
        assertThat(row.get("model_name")).isEqualTo(PRO);
        assertThat(row.get("prompt_tokens")).isEqualTo(1234);
        assertThat(row.get("completion_tokens")).isEqualTo(321);
        assertThat(row.get("total_tokens")).isEqualTo(1555);
        assertThat(((Number) row.get("latency_ms")).longValue()).isGreaterThanOrEqualTo(0);
        assertThat(row.get("asset_type")).isEqualTo("crypto");
        assertThat((String) row.get("prompt")).startsWith("비트코인(KRW-BTC) (관측일 2026-11-25)")
                .contains("[최근 10거래일]", "60분봉", "RSI(14)");
        assertThat(row.get("reasons").toString()).contains("MACD 골든크로스");

        // every Upbit call of the span tree was made, with the documented parameters
        upbit.verify(getRequestedFor(urlPathEqualTo("/v1/candles/days")).withQueryParam("count",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("200")));
        upbit.verify(getRequestedFor(urlPathEqualTo("/v1/ticker")));
        for (int unit : new int[] {60, 5, 1}) {
            upbit.verify(getRequestedFor(urlPathEqualTo("/v1/candles/minutes/" + unit)));
        }
        // the key travels in the header, never in the URL
        LoggedRequest geminiCall = gemini.findAll(postRequestedFor(urlPathEqualTo(UpstreamStubs.generateContentPath(PRO)))).get(0);
        assertThat(geminiCall.getHeader("x-goog-api-key")).startsWith("test-key-");
        assertThat(geminiCall.getUrl()).doesNotContain("test-key");
        assertThat(geminiCall.getBodyAsString()).contains("\"responseSchema\"", "\"responseMimeType\":\"application/json\"");

        JsonNode list = http.get("/api/results?market=upbit&symbol=KRW-BTC").json();
        assertThat(list.path("total").asLong()).isEqualTo(1);
        assertThat(list.path("items").get(0).path("id").asLong()).isEqualTo(body.path("id").asLong());

        JsonNode one = http.get("/api/results/" + body.path("id").asLong()).json();
        assertThat(one.path("prompt").asText()).contains("관측일");
        assertThat(one.path("detailed_text").asText()).contains("상승 추세");
    }

    @Test
    void theMarketListIsFetchedOnceNotPerRequest() {
        UpstreamStubs.geminiAnswers(gemini, PRO, GeminiFixtures.decisionJson("hold", 50, BTC_PRICE));
        // a fresh context may or may not have loaded it already; after these two calls it is cached either way
        assertThat(http.post("/api/analyze/upbit/BTC").status()).isEqualTo(200);
        assertThat(http.post("/api/analyze/upbit/KRW-BTC").status()).isEqualTo(200);
        assertThat(upbit.findAll(getRequestedFor(urlPathEqualTo("/v1/market/all")))).hasSizeLessThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stock_info WHERE symbol = 'KRW-BTC'", Integer.class)).isEqualTo(1);
    }

    @Test
    void a429MovesToTheOtherKeyAndTheAnswerIsStored() {
        String path = UpstreamStubs.generateContentPath(PRO);
        gemini.stubFor(post(urlPathEqualTo(path)).inScenario("quota").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody(GeminiFixtures.rateLimited("30s")))
                .willSetStateTo("rotated"));
        gemini.stubFor(post(urlPathEqualTo(path)).inScenario("quota").whenScenarioStateIs("rotated")
                .willReturn(okJson(GeminiFixtures.reply(GeminiFixtures.decisionJson("sell", 64, BTC_PRICE)))));

        Http.Response response = http.post("/api/analyze/upbit/BTC");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("decision").asText()).isEqualTo("sell");
        assertThat(response.json().path("model_name").asText()).isEqualTo(PRO);
        List<LoggedRequest> calls = gemini.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(calls).hasSize(2);
        Set<String> keys = calls.stream().map(r -> r.getHeader("x-goog-api-key")).collect(Collectors.toSet());
        assertThat(keys).containsExactlyInAnyOrder("test-key-one", "test-key-two");
    }

    @Test
    void whenEveryKeyIsRateLimitedItWaitsTheRetryDelayThenSucceeds() {
        String path = UpstreamStubs.generateContentPath(FLASH);
        // only the second model is used here, so the first test's cooling keys do not matter
        UpstreamStubs.geminiStatus(gemini, PRO, 404, "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\"}}");
        gemini.stubFor(post(urlPathEqualTo(path)).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withBody(GeminiFixtures.rateLimited("1s"))).willSetStateTo("once"));
        gemini.stubFor(post(urlPathEqualTo(path)).inScenario("busy").whenScenarioStateIs("once")
                .willReturn(aResponse().withStatus(429).withBody(GeminiFixtures.rateLimited("1s"))).willSetStateTo("free"));
        gemini.stubFor(post(urlPathEqualTo(path)).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(okJson(GeminiFixtures.reply(GeminiFixtures.decisionJson("hold", 55, BTC_PRICE)))));

        long started = System.nanoTime();
        Http.Response response = http.post("/api/analyze/upbit/BTC");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("model_name").asText()).isEqualTo(FLASH);
        assertThat(gemini.findAll(postRequestedFor(urlPathEqualTo(path)))).hasSize(3);
        assertThat(tookMillis).as("waited for the RetryInfo delay").isGreaterThanOrEqualTo(900);
    }

    @Test
    void invalidJsonIsRetriedThenTheFallbackModelAnswers() {
        UpstreamStubs.geminiAnswers(gemini, PRO, "{\"decision\": \"maybe\", \"confidence\": 400");
        UpstreamStubs.geminiAnswers(gemini, FLASH, GeminiFixtures.decisionJson("buy", 71, BTC_PRICE));

        Http.Response response = http.post("/api/analyze/upbit/BTC");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("model_name").asText()).isEqualTo(FLASH);
        // invalid-retries = 1: the first model had two chances
        assertThat(gemini.findAll(postRequestedFor(urlPathEqualTo(UpstreamStubs.generateContentPath(PRO))))).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT model_name FROM stock_analysis_results", String.class)).isEqualTo(FLASH);
    }

    @Test
    void whenNoModelGivesAValidAnswerNothingIsStored() {
        UpstreamStubs.geminiAnswers(gemini, PRO, "not json at all");
        UpstreamStubs.geminiAnswers(gemini, FLASH, GeminiFixtures.decisionJson("buy", 70, BTC_PRICE)
                .replace("\"decision\":\"buy\"", "\"decision\":\"strong buy\""));

        Http.Response response = http.post("/api/analyze/upbit/BTC");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().path("error").asText()).isEqualTo("upstream_error");
        assertThat(response.json().path("detail").asText()).contains("gemini");
        assertThat(response.body()).doesNotContain("test-key");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stock_analysis_results", Integer.class)).isZero();
    }

    @Test
    void upbit500Answers502JsonAndStoresNothing() {
        upbit.stubFor(get(urlPathEqualTo("/v1/candles/days")).willReturn(aResponse().withStatus(500)
                .withBody("{\"error\":{\"name\":\"server_error\",\"message\":\"internal\"}}")));

        Http.Response response = http.post("/api/analyze/upbit/BTC");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().path("error").asText()).isEqualTo("upstream_error");
        assertThat(response.json().path("detail").asText()).contains("upbit", "500", "/v1/candles/days");
        assertThat(response.body()).doesNotContain("Exception", "at com.");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stock_analysis_results", Integer.class)).isZero();
    }

    @Test
    void malformedUpbitDataIsA502AndNeverADecision() {
        List<String> bodies = List.of("<html><body>Service maintenance</body></html>", "[]",
                "[{\"market\":\"KRW-BTC\",\"candle_date_time_kst\":\"2026-11-25T00:00:00\",\"opening_price\":\"abc\"",
                UpbitFixturesHelper.stringPrices());
        for (String body : bodies) {
            upbit.stubFor(get(urlPathEqualTo("/v1/candles/days"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
            Http.Response response = http.post("/api/analyze/upbit/BTC");
            assertThat(response.status()).as(body).isEqualTo(502);
            assertThat(response.json().path("detail").asText()).as(body).contains("malformed");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stock_analysis_results", Integer.class)).isZero();
    }

    @Test
    void unknownCoinIs404AndMalformedInputIs400() {
        Http.Response unknown = http.post("/api/analyze/upbit/" + Http.encode("없는코인"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("not_found");

        Http.Response bad = http.post("/api/analyze/upbit/" + Http.encode("<script>"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).isEqualTo("bad_request");

        assertThat(http.get("/api/results?page_size=101").status()).isEqualTo(400);
        assertThat(http.get("/api/results?decision=moon").status()).isEqualTo(400);
        assertThat(http.get("/api/results/abc").status()).isEqualTo(400);
        assertThat(http.get("/api/results/987654").status()).isEqualTo(404);
    }

    @Test
    void resultsFilterPageAndSummarise() {
        UpstreamStubs.geminiAnswers(gemini, PRO, GeminiFixtures.decisionJson("buy", 80, BTC_PRICE));
        assertThat(http.post("/api/analyze/upbit/BTC").status()).isEqualTo(200);
        assertThat(http.post("/api/analyze/upbit/BTC").status()).isEqualTo(200);
        UpstreamStubs.geminiAnswers(gemini, PRO, GeminiFixtures.decisionJson("sell", 60, UpstreamStubs.ETH_PRICE));
        assertThat(http.post("/api/analyze/upbit/" + Http.encode("이더리움")).status()).isEqualTo(200);

        JsonNode page1 = http.get("/api/results?page_size=2").json();
        assertThat(page1.path("total").asLong()).isEqualTo(3);
        assertThat(page1.path("items")).hasSize(2);
        assertThat(page1.path("items").get(0).path("symbol").asText()).isEqualTo("KRW-ETH");
        JsonNode page2 = http.get("/api/results?page_size=2&page=2").json();
        assertThat(page2.path("items")).hasSize(1);

        JsonNode buys = http.get("/api/results?decision=buy").json();
        assertThat(buys.path("total").asLong()).isEqualTo(2);

        JsonNode latest = http.get("/api/results/latest").json();
        assertThat(latest).hasSize(2);
        assertThat(latest.findValuesAsText("symbol")).containsExactly("KRW-BTC", "KRW-ETH");

        JsonNode stats = http.get("/api/statistics").json();
        assertThat(stats.path("total").asLong()).isEqualTo(3);
        assertThat(stats.path("decisions").path("buy").asLong()).isEqualTo(2);
        assertThat(stats.path("decisions").path("sell").asLong()).isEqualTo(1);
        assertThat(stats.path("average_confidence").asDouble()).isEqualTo(73.3);
        assertThat(stats.path("markets").path("upbit").path("total").asLong()).isEqualTo(3);
    }

    /** Upbit numbers as strings: the shape of the private API, wrong for quotations. */
    static final class UpbitFixturesHelper {
        static String stringPrices() {
            return com.autotrader.support.UpbitFixtures.dailyCandles("KRW-BTC", 100_000_000, 30)
                    .replaceAll("\"trade_price\":([0-9.]+)", "\"trade_price\":\"$1\"");
        }
    }

    @Test
    void whenUpbitSaysTheCandleGroupIsSpentTheNextCandleCallWaitsForTheNextSecond() {
        UpstreamStubs.geminiAnswers(gemini, PRO, GeminiFixtures.decisionJson("buy", 82, BTC_PRICE));
        upbit.stubFor(get(urlPathEqualTo("/v1/candles/days")).atPriority(1).willReturn(okJson(
                com.autotrader.support.UpbitFixtures.dailyCandles("KRW-BTC", BTC_PRICE / 1.3, 200))
                .withHeader("Remaining-Req", "group=candles; min=1799; sec=0")));

        assertThat(http.post("/api/analyze/upbit/BTC").status()).isEqualTo(200);

        long days = upbit.findAll(getRequestedFor(urlPathEqualTo("/v1/candles/days"))).get(0).getLoggedDate().getTime();
        long hourly = upbit.findAll(getRequestedFor(urlPathEqualTo("/v1/candles/minutes/60"))).get(0).getLoggedDate().getTime();
        // no call left in the second of the daily candles: the next candle call goes in a later second
        assertThat(hourly / 1000).isGreaterThan(days / 1000);
    }

    @Test
    void upbitsRetryAfterIsWaitedAndTheCallTriedAgain() {
        UpstreamStubs.geminiAnswers(gemini, PRO, GeminiFixtures.decisionJson("buy", 82, BTC_PRICE));
        upbit.stubFor(get(urlPathEqualTo("/v1/candles/days")).atPriority(1).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Remaining-Req", "group=candles; min=0; sec=0")
                        .withBody("Too many API requests.")).willSetStateTo("free"));

        assertThat(http.post("/api/analyze/upbit/BTC").status()).isEqualTo(200);

        List<LoggedRequest> days = upbit.findAll(getRequestedFor(urlPathEqualTo("/v1/candles/days")));
        assertThat(days).hasSize(2);
        // the retry waited Upbit's second, not the configured 100 ms
        assertThat(days.get(1).getLoggedDate().getTime() - days.get(0).getLoggedDate().getTime()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aServerErrorIsTriedAgainAndAPersistentOneIsA502AfterThreeTries() {
        UpstreamStubs.geminiAnswers(gemini, PRO, GeminiFixtures.decisionJson("buy", 82, BTC_PRICE));
        upbit.stubFor(get(urlPathEqualTo("/v1/ticker")).atPriority(1).inScenario("blip").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("fine"));
        assertThat(http.post("/api/analyze/upbit/BTC").status()).isEqualTo(200);
        assertThat(upbit.findAll(getRequestedFor(urlPathEqualTo("/v1/ticker")))).hasSize(2);

        upbit.resetRequests();
        upbit.stubFor(get(urlPathEqualTo("/v1/ticker")).atPriority(1).willReturn(aResponse().withStatus(500)));
        Http.Response failed = http.post("/api/analyze/upbit/BTC");
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.json().path("detail").asText()).isEqualTo("upbit answered HTTP 500 for /v1/ticker");
        assertThat(upbit.findAll(getRequestedFor(urlPathEqualTo("/v1/ticker")))).hasSize(3);
    }
}
