package com.autotrader;

import com.autotrader.support.Await;
import com.autotrader.support.GeminiFixtures;
import com.autotrader.support.Http;
import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.autotrader.support.UpstreamStubs.BTC_PRICE;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping an instance while an analysis is in flight (Gemini takes 3 s to answer): the analysis finishes and
 * is stored whole, the caller gets its answer, and the trade that would follow a scheduled analysis is refused
 * (ShuttingDown): no order starts after shutdown began.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownIT {

    static final WireMockServer gemini = TestServers.gemini();
    static final JdbcTemplate jdbc = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
            TestServers.postgresUrl(), "postgres", "postgres"));

    static void slowGemini(String model) {
        gemini.stubFor(post(urlPathEqualTo(UpstreamStubs.generateContentPath(model))).willReturn(
                okJson(GeminiFixtures.reply(GeminiFixtures.decisionJson("buy", 80, BTC_PRICE))).withFixedDelay(3000)));
    }

    static boolean geminiAsked(String model) {
        return !gemini.findAll(postRequestedFor(urlPathEqualTo(UpstreamStubs.generateContentPath(model)))).isEmpty();
    }

    static int analysesSince(Timestamp since) {
        return jdbc.queryForObject("""
                SELECT COUNT(*) FROM stock_analysis_results r JOIN stock_info s ON s.id = r.stock_info_id
                WHERE s.symbol = 'KRW-BTC' AND r.created_at >= ?""", Integer.class, since);
    }

    @Test
    void anAnalysisAskedForOverRestFinishesAndAnswersWhileTheAppStops() throws Exception {
        UpstreamStubs.upbit(TestServers.upbit());
        slowGemini("gemini-shutdown-rest");
        Timestamp since = new Timestamp(System.currentTimeMillis());
        ConfigurableApplicationContext app = TestApp.start("it-shutdown-rest", Map.of(
                "gemini.api-keys", "shutdown-key", "gemini.models", "gemini-shutdown-rest"));
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();

        CompletableFuture<Http.Response> analysis = CompletableFuture.supplyAsync(
                () -> new Http(port).post("/api/analyze/upbit/BTC"));
        assertThat(Await.until(Duration.ofSeconds(20), () -> geminiAsked("gemini-shutdown-rest"))).isTrue();
        app.close();   // while Gemini is still thinking

        Http.Response answer = analysis.get(30, TimeUnit.SECONDS);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("decision").asText()).isEqualTo("buy");
        assertThat(analysesSince(since)).isEqualTo(1);
    }

    @Test
    void aScheduledAnalysisInFlightIsStoredAndItsTradeIsRefused(CapturedOutput output) throws Exception {
        UpstreamStubs.upbit(TestServers.upbit());
        slowGemini("gemini-shutdown-schedule");
        Timestamp since = new Timestamp(System.currentTimeMillis());
        ConfigurableApplicationContext app = TestApp.start("it-shutdown-schedule", Map.of(
                "analysis.schedule.enabled", "true",
                "analysis.cron.upbit", "0/2 * * * * ?",
                "upbit.markets", "KRW-BTC",
                "trading.enabled", "true",
                "trading.mode", "paper",
                "gemini.api-keys", "shutdown-key", "gemini.models", "gemini-shutdown-schedule"));
        assertThat(Await.until(Duration.ofSeconds(20), () -> geminiAsked("gemini-shutdown-schedule"))).isTrue();
        app.close();   // the schedule's analysis is waiting for Gemini

        assertThat(analysesSince(since)).as("the analysis in flight was stored").isEqualTo(1);
        Long analysisId = jdbc.queryForObject("""
                SELECT r.id FROM stock_analysis_results r JOIN stock_info s ON s.id = r.stock_info_id
                WHERE s.symbol = 'KRW-BTC' AND r.created_at >= ?""", Long.class, since);
        // its trade came after shutdown began: refused before any order was placed
        assertThat(output.getAll()).contains("Trading KRW-BTC failed: TradingException: the app is shutting down");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE analysis_id = ? AND state <> 'failed'",
                Integer.class, analysisId)).isZero();
    }
}
