package com.autotrader;

import com.autotrader.support.GeminiFixtures;
import com.autotrader.support.Http;
import com.autotrader.support.StockFixtures;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpbitFixtures;
import com.autotrader.support.UpstreamStubs;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Set;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad data from every upstream (truncated JSON, an HTML page with status 200, a string where a number belongs,
 * an empty answer) ends as a clear 502 JSON answer, and nothing is stored as a decision.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=it-malformed",
        "analysis.schedule.enabled=false",
        "gemini.api-keys=test-key",
        "gemini.models=gemini-pro-test",
        "kis.app-key=malformed-test-key",
        "kis.app-secret=malformed-test-secret",
        // every breaker stays closed through the whole table of bad answers
        "resilience.breaker.minimum-calls=1000",
        "resilience.breaker.window=1000"
})
class MalformedPayloadIT {

    static final String HTML = "<!DOCTYPE html><html><body><h1>Service maintenance</h1></body></html>";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    static Stream<Arguments> badAnswers() {
        String candles = UpbitFixtures.dailyCandles("KRW-BTC", 100_000_000, 200);
        String chart = StockFixtures.yahooChart("AAPL", 180, 251, Set.of());
        String price = StockFixtures.kisPrice("005930", "삼성전자", 71_500);
        String decision = GeminiFixtures.decisionJson("buy", 80, UpstreamStubs.BTC_PRICE);
        return Stream.of(
                Arguments.of("upbit", "truncated", candles.substring(0, candles.length() / 2)),
                Arguments.of("upbit", "html", HTML),
                Arguments.of("upbit", "wrong type", candles.replaceFirst("\"trade_price\":[-0-9.Ee+]+", "\"trade_price\":\"abc\"")),
                Arguments.of("upbit", "empty", "[]"),
                Arguments.of("yahoo", "truncated", chart.substring(0, chart.length() / 2)),
                Arguments.of("yahoo", "html", HTML),
                Arguments.of("yahoo", "wrong type", chart.replaceFirst("\"regularMarketPrice\":[0-9.]+", "\"regularMarketPrice\":\"abc\"")),
                Arguments.of("yahoo", "empty", "{\"chart\":{\"result\":[],\"error\":null}}"),
                Arguments.of("kis", "truncated", price.substring(0, price.length() / 2)),
                Arguments.of("kis", "html", HTML),
                Arguments.of("kis", "wrong type", price.replace("\"stck_prpr\":\"71500.00\"", "\"stck_prpr\":\"abc\"")),
                Arguments.of("kis", "empty", "{\"rt_cd\":\"0\",\"msg_cd\":\"MCA00000\",\"msg1\":\"ok\",\"output\":{}}"),
                Arguments.of("gemini", "truncated", GeminiFixtures.reply(decision.substring(0, decision.length() / 2))),
                Arguments.of("gemini", "html", HTML),
                Arguments.of("gemini", "wrong type", GeminiFixtures.reply(decision.replaceFirst("\"confidence\":\\s*80", "\"confidence\":\"high\""))),
                Arguments.of("gemini", "empty", "{\"candidates\":[]}"),
                // absurd prices: a feed a thousandfold off its own history, a decision priced for another planet
                Arguments.of("upbit", "absurd price", UpbitFixtures.dailyCandles("KRW-BTC", 100_000, 200)),
                Arguments.of("yahoo", "absurd price", chart.replaceFirst("\"regularMarketPrice\":[0-9.]+",
                        "\"regularMarketPrice\":180000000")),
                Arguments.of("kis", "absurd price", price.replace("\"stck_prpr\":\"71500.00\"", "\"stck_prpr\":\"71500000000.00\"")),
                Arguments.of("gemini", "absurd price", GeminiFixtures.reply(
                        GeminiFixtures.decisionJson("buy", 80, UpstreamStubs.BTC_PRICE * 1000))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badAnswers")
    void badDataIsA502AndNothingIsStored(String upstream, String kind, String body) {
        UpstreamStubs.happyPath("gemini-pro-test");
        TestServers.yahoo().resetAll();
        StockFixtures.yahoo(TestServers.yahoo(), "AAPL", 180, Set.of());
        TestServers.kis().resetAll();
        StockFixtures.kis(TestServers.kis(), "005930", "삼성전자", 71_500);
        MappingBuilder bad = switch (upstream) {
            case "upbit" -> get(urlPathEqualTo("/v1/candles/days"));
            case "yahoo" -> get(urlPathEqualTo("/v8/finance/chart/AAPL"));
            case "kis" -> get(urlPathEqualTo(StockFixtures.KIS_PRICE));
            default -> post(urlPathEqualTo(UpstreamStubs.generateContentPath("gemini-pro-test")));
        };
        String contentType = body.startsWith("<") ? "text/html" : "application/json";
        (switch (upstream) {
            case "yahoo" -> TestServers.yahoo();
            case "kis" -> TestServers.kis();
            case "gemini" -> TestServers.gemini();
            default -> TestServers.upbit();
        }).stubFor(bad.atPriority(1).willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType)
                .withBody(body)));
        int stored = jdbc.queryForObject("SELECT COUNT(*) FROM stock_analysis_results", Integer.class);
        String path = switch (upstream) {
            case "yahoo" -> "/api/analyze/yahoo/AAPL";
            case "kis" -> "/api/analyze/kis/005930";
            default -> "/api/analyze/upbit/BTC";
        };

        Http.Response response = new Http(port).post(path);

        assertThat(response.status()).as(response.body()).isEqualTo(502);
        assertThat(response.json().path("error").asText()).isEqualTo("upstream_error");
        assertThat(response.json().path("detail").asText()).isNotBlank().doesNotContain("Exception", "at com.");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stock_analysis_results", Integer.class)).isEqualTo(stored);
    }
}
