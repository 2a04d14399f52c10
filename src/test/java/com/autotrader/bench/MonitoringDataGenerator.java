package com.autotrader.bench;

import com.autotrader.support.GeminiFixtures;
import com.autotrader.support.Http;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Traffic for a Prometheus to scrape (scripts/check-promql-live.sh runs this; it is not a test): the whole app
 * against embedded PostgreSQL and Redis and WireMock upstreams on loopback, Gemini and Telegram configured,
 * driven through its REST API so that every metric the dashboards query has samples:
 * <ul>
 *   <li>successful analyses of BTC (Gemini answering buy, hold, sell in turn): analysis_executions_total
 *   success, analysis_duration_seconds, api_calls_total upbit/gemini success, gemini_tokens_total, and a
 *   Telegram "analysis done" notice each;</li>
 *   <li>failed analyses of ETH (Upbit answers 500 for KRW-ETH): a failure, a 5xx answer, api_calls_total
 *   upbit error, an error alert to Telegram, then duplicates (alerts_suppressed_total);</li>
 *   <li>Telegram answering 500 for the first seconds, so some messages fail after their retries
 *   (telegram_messages_total{status="failed"}, kept in the outbox and sent again later);</li>
 *   <li>GET /api/results and a 404.</li>
 * </ul>
 * Prints {@code APP_PORT=<port>} once the app listens, then sends traffic for the number of seconds given as
 * the first argument (default 60, at most 600) and exits. Only 127.0.0.1 is ever called.
 */
public final class MonitoringDataGenerator {

    static final String MODEL = "gemini-monitoring";
    static final String[] DECISIONS = {"buy", "hold", "sell"};
    /** How long Telegram answers 500 at the start. */
    static final long TELEGRAM_DOWN_MILLIS = 4000;
    /** Pause between rounds: a few analyses a second is plenty for a 1 s scrape. */
    static final long ROUND_PAUSE_MILLIS = 200;

    public static void main(String[] args) {
        Benchmarks.main(() -> run(args));
    }

    static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        seconds = Math.max(1, Math.min(seconds, 600));

        WireMockServer upbit = TestServers.upbit();
        UpstreamStubs.upbit(upbit);
        upbit.stubFor(get(urlPathEqualTo("/v1/candles/days")).withQueryParam("market", equalTo("KRW-ETH"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"name\":\"server_error\",\"message\":\"Internal Server Error\"}}")));
        WireMockServer gemini = TestServers.gemini();
        StubMapping answer = answer(gemini, 0);
        WireMockServer telegram = TestServers.telegram();
        TelegramStub.answers(telegram, 500,
                "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}");

        Map<String, Object> props = new TreeMap<>();
        props.put("gemini.api-keys", "k");
        props.put("gemini.models", MODEL);
        props.put("telegram.token", TelegramStub.TOKEN);
        props.put("telegram.chat-id", "555");
        props.put("error-reporting.chat-id", "777");
        // fast enough that messages do not queue up behind the per-chat throttle and the retries
        props.put("telegram.per-chat-interval-ms", "20");
        props.put("telegram.max-redeliveries", "1");
        props.put("telegram.redelivery-delay-ms", "200");
        props.put("error-reporting.outbox-interval", "5s");
        props.put("upbit.calls-per-second", "200");
        // the traffic mixes deliberate upstream failures with successes: a breaker opening on them would turn
        // the successes into refusals and leave the "last successful analysis" panels without data
        props.put("resilience.breaker.minimum-calls", "100000");
        props.put("resilience.breaker.window", "100000");
        props.put("logging.level.root", "WARN");

        try (ConfigurableApplicationContext app = TestApp.start("monitoring-data", props)) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            System.out.println("APP_PORT=" + port);
            System.out.flush();
            Http api = new Http(port);
            Map<String, Integer> statuses = new TreeMap<>();
            long started = System.nanoTime();
            long deadline = started + TimeUnit.SECONDS.toNanos(seconds);
            boolean telegramDown = true;
            int round = 0;
            while (System.nanoTime() < deadline) {
                if (telegramDown && System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(TELEGRAM_DOWN_MILLIS)) {
                    TelegramStub.accepts(telegram);
                    telegramDown = false;
                    System.out.println("telegram: accepting messages again");
                }
                gemini.removeStub(answer);
                answer = answer(gemini, round);
                count(statuses, "POST /api/analyze/upbit/BTC", api.post("/api/analyze/upbit/BTC"));
                count(statuses, "POST /api/analyze/upbit/ETH", api.post("/api/analyze/upbit/ETH"));
                count(statuses, "GET /api/results", api.get("/api/results?page_size=5"));
                count(statuses, "GET /api/results/{id}", api.get("/api/results/999999999"));
                round++;
                Thread.sleep(ROUND_PAUSE_MILLIS);
            }
            System.out.println("rounds: " + round + ", answers: " + statuses);
        }
    }

    /** Gemini's answer for this round: buy, hold and sell in turn, so the decision panel has all three. */
    static StubMapping answer(WireMockServer gemini, int round) {
        String decision = DECISIONS[round % DECISIONS.length];
        return gemini.stubFor(post(urlPathEqualTo(UpstreamStubs.generateContentPath(MODEL))).willReturn(
                okJson(GeminiFixtures.reply(GeminiFixtures.decisionJson(decision, 70, UpstreamStubs.BTC_PRICE)))));
    }

    static void count(Map<String, Integer> statuses, String what, Http.Response response) {
        statuses.merge(what + " " + response.status(), 1, Integer::sum);
    }
}
