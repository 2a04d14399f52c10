package com.autotrader;

import com.autotrader.market.KisTokens;
import com.autotrader.support.Await;
import com.autotrader.support.Http;
import com.autotrader.support.KisDailyBars;
import com.autotrader.support.StockFixtures;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.Jedis;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * US stocks from Yahoo Finance and Korean stocks from KIS through analyze-stock, against WireMock playing both
 * in their documented shapes, embedded PostgreSQL and embedded Redis (where the KIS token is shared).
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=it-stocks",
        "analysis.schedule.enabled=false",
        "gemini.api-keys=",
        "kis.app-key=" + StockAnalysisIT.APP_KEY,
        "kis.app-secret=" + StockAnalysisIT.APP_SECRET,
        "telegram.token=" + TelegramStub.TOKEN,
        "error-reporting.chat-id=777",
        "telegram.per-chat-interval-ms=10",
        "yahoo.retry-backoff-ms=100"
})
class StockAnalysisIT {

    static final String APP_KEY = "PSabcdefghijklmnopqrstuvwxyz0123456789";
    static final String APP_SECRET = "secret-value-for-the-stock-test-0123456789";
    static final WireMockServer yahoo = TestServers.yahoo();
    static final WireMockServer kis = TestServers.kis();
    static final WireMockServer telegram = TestServers.telegram();
    static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
        registry.add("redis.url", TestServers::redisUrl);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    KisTokens tokens;

    Http http() {
        return new Http(port);
    }

    @BeforeEach
    void world() {
        yahoo.resetAll();
        kis.resetAll();
        telegram.resetAll();
        TelegramStub.accepts(telegram);
    }

    String prompt(long id) {
        return jdbc.queryForObject("SELECT prompt FROM stock_analysis_results WHERE id = ?", String.class, id);
    }

    static void forgetSharedToken() {
        URI redis = URI.create(TestServers.redisUrl());
        try (Jedis jedis = new Jedis(redis.getHost(), redis.getPort())) {
            jedis.del("auto-trader:kis:access-token");
        }
    }

    @Test
    void aUsStockIsAnalysedFromYahooSkippingItsNullBars() {
        // the third-newest bar is all nulls: it must not show up as a day in the prompt
        StockFixtures.yahoo(yahoo, "AAPL", 180, Set.of(5, 120, 248));

        Http.Response response = http().post("/api/analyze/yahoo/aapl");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.path("market").asText()).isEqualTo("yahoo");
        assertThat(result.path("asset_type").asText()).isEqualTo("equity_us");
        assertThat(result.path("symbol").asText()).isEqualTo("AAPL");
        assertThat(result.path("name").asText()).isEqualTo("AAPL Inc.");
        String prompt = prompt(result.path("id").asLong());
        assertThat(prompt).contains("AAPL Inc.(AAPL)", "달러(USD) 가격", "[최근 10거래일]").doesNotContain("null", "[단기 캔들]");
        // 2026-11-21 is the null bar (index 248 of 251 weekdays up to 2026-11-25)
        assertThat(prompt).contains("- 2026-11-24, ", "- 2026-11-20, ").doesNotContain("- 2026-11-21, ");
        assertThat(meters.get("analysis.executions").tags("asset_type", "equity_us", "market", "yahoo", "status", "success")
                .counter().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anUnknownTickerIsA404AndABadOneA400() {
        yahoo.stubFor(get(urlPathEqualTo("/v8/finance/chart/NOPE1")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(StockFixtures.yahooNotFound())));

        Http.Response unknown = http().post("/api/analyze/yahoo/NOPE1");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("not_found");
        assertThat(unknown.json().path("detail").asText()).contains("NOPE1");

        assertThat(http().post("/api/analyze/yahoo/" + Http.encode("^GSPC")).status()).isEqualTo(400);
        assertThat(http().post("/api/analyze/kis/12345").status()).isEqualTo(400);
        assertThat(http().post("/api/analyze/kis/" + Http.encode("없는회사")).status()).isEqualTo(404);
    }

    @Test
    void aKoreanStockIsAnalysedWithItsFundamentalsAndDailyBarsPagedWithoutGaps() {
        StockFixtures.kis(kis, "005930", "삼성전자", 71_500);

        Http.Response byCode = http().post("/api/analyze/kis/005930");

        assertThat(byCode.status()).as(byCode.body()).isEqualTo(200);
        JsonNode result = byCode.json();
        assertThat(result.path("market").asText()).isEqualTo("kis");
        assertThat(result.path("asset_type").asText()).isEqualTo("equity_kr");
        assertThat(result.path("name").asText()).isEqualTo("삼성전자");
        assertThat(prompt(result.path("id").asLong())).contains("[펀더멘털]", "PER 13.45", "PBR 1.21",
                "52주 최고 88,800", "52주 최저 49,900", "원화 가격");

        // the windows join: each next window ends the day before the oldest bar of the previous answer
        List<LoggedRequest> pages = kis.findAll(getRequestedFor(urlPathEqualTo(StockFixtures.KIS_DAILY)));
        pages.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        assertThat(pages.size()).isBetween(2, 4);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Seoul"));
        assertThat(pages.get(0).queryParameter("FID_INPUT_DATE_2").firstValue()).isEqualTo(DAY.format(today));
        for (int i = 1; i < pages.size(); i++) {
            LocalDate prevStart = LocalDate.parse(pages.get(i - 1).queryParameter("FID_INPUT_DATE_1").firstValue(), DAY);
            LocalDate prevEnd = LocalDate.parse(pages.get(i - 1).queryParameter("FID_INPUT_DATE_2").firstValue(), DAY);
            List<LocalDate> served = KisDailyBars.tradingDays(prevStart, prevEnd);
            LocalDate oldestServed = served.get(Math.min(KisDailyBars.MAX_ROWS, served.size()) - 1);
            assertThat(pages.get(i).queryParameter("FID_INPUT_DATE_2").firstValue())
                    .isEqualTo(DAY.format(oldestServed.minusDays(1)));
        }
        for (LoggedRequest page : pages) {
            assertThat(page.getHeader("appkey")).isEqualTo(APP_KEY);
            assertThat(page.getHeader("tr_id")).isEqualTo("FHKST03010100");
            assertThat(page.getHeader("authorization")).startsWith("Bearer ");
        }

        Http.Response byName = http().post("/api/analyze/kis/" + Http.encode("삼성전자"));
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json().path("symbol").asText()).isEqualTo("005930");
        assertThat(meters.get("analysis.executions").tags("asset_type", "equity_kr", "market", "kis", "status", "success")
                .counter().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTokenThatExpiresMidRunIsReplacedOnceAndTheCallRetried() {
        StockFixtures.kis(kis, "000660", "SK하이닉스", 180_000);
        tokens.token();   // whatever this instance holds now is the token KIS will call expired
        String old = tokens.token().value();
        kis.stubFor(post(urlPathEqualTo(StockFixtures.KIS_TOKEN)).willReturn(okJson(StockFixtures.kisToken("kis-token-fresh"))));
        // KIS reports token errors with HTTP 500 as often as 200: the msg_cd decides
        kis.stubFor(get(urlPathMatching("/uapi/.*")).withHeader("authorization", equalTo("Bearer " + old))
                .atPriority(1).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody(StockFixtures.kisError("EGW00123", "기간이 만료된 token 입니다."))));

        Http.Response response = http().post("/api/analyze/kis/000660");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(kis.findAll(postRequestedFor(urlPathEqualTo(StockFixtures.KIS_TOKEN)))).hasSize(1);
        List<LoggedRequest> prices = kis.findAll(getRequestedFor(urlPathEqualTo(StockFixtures.KIS_PRICE)));
        assertThat(prices).extracting(r -> r.getHeader("authorization"))
                .containsExactly("Bearer " + old, "Bearer kis-token-fresh");
    }

    @Test
    void twoInstancesSharingRedisIssueOneTokenNotTwo() throws Exception {
        kis.stubFor(post(urlPathEqualTo(StockFixtures.KIS_TOKEN)).willReturn(okJson(StockFixtures.kisToken("kis-token-shared"))
                .withFixedDelay(800)));
        try (ConfigurableApplicationContext second = TestApp.start("it-stocks-second", Map.of(
                "kis.app-key", APP_KEY, "kis.app-secret", APP_SECRET))) {
            KisTokens other = second.getBean(KisTokens.class);
            // neither instance holds a token, and Redis has none
            tokens.invalidate(tokens.token().value());
            forgetSharedToken();
            kis.resetRequests();

            CompletableFuture<String> here = CompletableFuture.supplyAsync(() -> tokens.token().value());
            CompletableFuture<String> there = CompletableFuture.supplyAsync(() -> other.token().value());

            assertThat(here.get()).isEqualTo("kis-token-shared");
            assertThat(there.get()).isEqualTo("kis-token-shared");
            assertThat(kis.findAll(postRequestedFor(urlPathEqualTo(StockFixtures.KIS_TOKEN)))).hasSize(1);
        }
    }

    @Test
    void aKisRefusalIsAClear502AndAnAlert() {
        StockFixtures.kis(kis, "035420", "NAVER", 200_000);
        kis.stubFor(get(urlPathEqualTo(StockFixtures.KIS_PRICE)).atPriority(1).willReturn(okJson(
                StockFixtures.kisError("OPSQ0002", "없는 서비스 코드 입니다"))));

        Http.Response response = http().post("/api/analyze/kis/035420");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().path("error").asText()).isEqualTo("upstream_error");
        assertThat(response.json().path("detail").asText()).contains("OPSQ0002").doesNotContain(APP_SECRET);
        assertThat(Await.until(Duration.ofSeconds(5), () -> !TelegramStub.sent(telegram).isEmpty())).isTrue();
        String alert = TelegramStub.messages(telegram).get(0).path("text").asText();
        assertThat(alert).contains("KisApiException", "OPSQ0002").doesNotContain(APP_SECRET, APP_KEY);
    }

    @Test
    void anOverseasStockThroughKisUsesItsDailyBarsAsTheQuote() {
        StockFixtures.kis(kis, "005930", "삼성전자", 71_500);
        kis.stubFor(get(urlPathEqualTo(StockFixtures.KIS_OVERSEAS_DAILY)).willReturn(aResponse().withTransformers(KisDailyBars.NAME)));

        Http.Response response = http().post("/api/analyze/kis/" + Http.encode("NAS:AAPL"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("asset_type").asText()).isEqualTo("equity_us");
        assertThat(response.json().path("symbol").asText()).isEqualTo("NAS:AAPL");
        LocalDate lastDay = KisDailyBars.tradingDays(LocalDate.now(java.time.ZoneId.of("Asia/Seoul")).minusDays(7),
                LocalDate.now(java.time.ZoneId.of("Asia/Seoul"))).get(0);
        assertThat(response.json().path("current_price").asDouble()).isEqualTo(KisDailyBars.close(lastDay) / 400);
        List<LoggedRequest> pages = kis.findAll(getRequestedFor(urlPathEqualTo(StockFixtures.KIS_OVERSEAS_DAILY)));
        assertThat(pages.size()).isBetween(2, 3);
        assertThat(pages).allSatisfy(p -> {
            assertThat(p.queryParameter("EXCD").firstValue()).isEqualTo("NAS");
            assertThat(p.queryParameter("SYMB").firstValue()).isEqualTo("AAPL");
            assertThat(p.getHeader("tr_id")).isEqualTo("HHDFS76240000");
        });
        assertThat(prompt(response.json().path("id").asLong())).contains("달러(USD) 가격").doesNotContain("[펀더멘털]");
    }

    @Test
    void yahooIsAskedAgainAfterA503() {
        StockFixtures.yahoo(yahoo, "MSFT", 400, Set.of());
        yahoo.stubFor(get(urlPathEqualTo("/v8/finance/chart/MSFT")).inScenario("busy").whenScenarioStateIs(STARTED)
                .atPriority(1).willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));

        Http.Response response = http().post("/api/analyze/yahoo/MSFT");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(yahoo.findAll(getRequestedFor(urlPathEqualTo("/v8/finance/chart/MSFT")))).hasSize(2);
    }

    @Test
    void yahooSaying429WithRetryAfterIsWaitedThatLong() {
        StockFixtures.yahoo(yahoo, "NVDA", 400, Set.of());
        yahoo.stubFor(get(urlPathEqualTo("/v8/finance/chart/NVDA")).inScenario("limited").whenScenarioStateIs(STARTED)
                .atPriority(1).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("free"));

        Http.Response response = http().post("/api/analyze/yahoo/NVDA");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var calls = yahoo.findAll(getRequestedFor(urlPathEqualTo("/v8/finance/chart/NVDA")));
        assertThat(calls).hasSize(2);
        // Yahoo's second, not the configured 100 ms
        assertThat(calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(1000);
    }
}
