package com.autotrader;

import com.autotrader.support.Await;
import com.autotrader.support.GeminiFixtures;
import com.autotrader.support.Http;
import com.autotrader.support.OtlpReceiver;
import com.autotrader.support.OtlpReceiver.ReceivedSpan;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static com.autotrader.support.UpstreamStubs.BTC_PRICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One analysis, seen from an OTLP collector: a single trace from Spring's HTTP server span through every route
 * step, the HTTP calls and the SQL, with the seed's resource attributes; the log lines written inside it
 * carry its trace id.
 */
@CamelSpringBootTest
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=it-tracing",
        "otel.enabled=true",
        "otel.protocol=http/protobuf",
        "gemini.api-keys=trace-test-key",
        "gemini.models=gemini-pro-test",
        "telegram.token=" + TelegramStub.TOKEN,
        "error-reporting.chat-id=777",
        "analysis.schedule.enabled=false"
})
class TracingIT {

    static final OtlpReceiver collector = new OtlpReceiver();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
        registry.add("otel.endpoint", collector::endpoint);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void reset() {
        collector.clear();
        UpstreamStubs.happyPath("gemini-pro-test");
    }

    @Test
    void oneAnalysisExportsTheWholeSpanTreeAndItsLogsCarryTheTraceId(CapturedOutput output) {
        Http.Response analysis = new Http(port).post("/api/analyze/upbit/BTC");
        assertThat(analysis.status()).isEqualTo(200);

        assertThat(Await.until(Duration.ofSeconds(10), () -> named("SQL select-result").isPresent()
                && named(SERVER_SPAN).isPresent())).as("spans exported").isTrue();
        List<ReceivedSpan> spans = collector.spans();
        ReceivedSpan root = named(SERVER_SPAN).orElseThrow();
        assertThat(root.parentSpanId()).isEmpty();
        assertThat(spans).allSatisfy(s -> assertThat(s.traceId()).as(s.name()).isEqualTo(root.traceId()));
        // the stored result remembers its trace, for a link from the results to Tempo
        assertThat(analysis.json().path("trace_id").asText()).isEqualTo(root.traceId());

        assertAncestor(SERVER_SPAN, "analyze-coin");
        for (String step : List.of("collect-data", "add-indicators", "build-prompt", "call-gemini", "save-analysis")) {
            assertAncestor("analyze-coin", step);
        }
        for (String call : List.of("GET /v1/candles/days", "GET /v1/ticker", "GET /v1/candles/minutes/60",
                "GET /v1/candles/minutes/5", "GET /v1/candles/minutes/1")) {
            assertAncestor("collect-data", call);
            assertThat(named(call).orElseThrow().attributes()).containsEntry("http.status_code", "200");
        }
        assertAncestor("call-gemini", "POST /v1beta/models/gemini-pro-test:generateContent");
        assertAncestor("save-analysis", "SQL insert-analysis");
        assertThat(named("SQL insert-analysis").orElseThrow().attributes().get("db.statement"))
                .startsWith("INSERT INTO stock_analysis_results").contains(":#decision");
        assertAncestor("save-analysis", "SQL insert-stock-info");

        // statements, not values; no key anywhere
        assertThat(spans).allSatisfy(s -> assertThat(s.attributes().values())
                .noneMatch(v -> v.contains("관측일") || v.contains("trace-test-key")));
        assertThat(root.resource()).containsEntry("service.name", "auto-trader")
                .containsEntry("service.version", "0.1.0").containsEntry("deployment.environment", "development");

        assertThat(output.getAll()).containsPattern("trace_id=" + root.traceId() + " span_id=[0-9a-f]{16}\\] .*Analyzing coin: BTC");
    }

    @Test
    void aFailedStepCarriesTheErrorStatus() {
        TestServers.upbit().stubFor(get(urlPathEqualTo("/v1/candles/days")).willReturn(aResponse().withStatus(500)));

        assertThat(new Http(port).post("/api/analyze/upbit/BTC").status()).isEqualTo(502);

        assertThat(Await.until(Duration.ofSeconds(10), () -> named("GET /v1/candles/days").isPresent()
                && named(SERVER_SPAN).isPresent())).isTrue();
        ReceivedSpan call = named("GET /v1/candles/days").orElseThrow();
        assertThat(call.statusCode()).isEqualTo("STATUS_CODE_ERROR");
        assertThat(call.attributes()).containsEntry("http.status_code", "500");

        // the alert it raised is part of the same trace: the dedupe check and the Telegram send
        assertThat(Await.until(Duration.ofSeconds(10), () -> named("dedupe-alert").isPresent()
                && collector.spans().stream().anyMatch(s -> "camel-telegram".equals(s.attributes().get("component")))))
                .isTrue();
        String trace = named(SERVER_SPAN).orElseThrow().traceId();
        assertThat(named("dedupe-alert").orElseThrow().traceId()).isEqualTo(trace);
        ReceivedSpan send = collector.spans().stream()
                .filter(s -> "camel-telegram".equals(s.attributes().get("component"))).findFirst().orElseThrow();
        assertThat(send.traceId()).isEqualTo(trace);
        assertAncestor("send-telegram", send.name());
        assertThat(collector.spans()).allSatisfy(s -> assertThat(s.attributes().values())
                .noneMatch(v -> v.contains(TelegramStub.TOKEN.substring(TelegramStub.TOKEN.indexOf(':') + 1))));
    }

    static final String SERVER_SPAN = "http post /api/analyze/upbit/{coin}";

    private Optional<ReceivedSpan> named(String name) {
        return collector.spans().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Some span named {@code ancestor} sits above every span named {@code name}. */
    private void assertAncestor(String ancestor, String name) {
        List<ReceivedSpan> spans = collector.spans();
        Map<String, ReceivedSpan> byId = spans.stream().collect(Collectors.toMap(ReceivedSpan::spanId, s -> s, (a, b) -> a));
        List<ReceivedSpan> matching = spans.stream().filter(s -> s.name().equals(name)).toList();
        assertThat(matching).as("spans named " + name + " among " + spans.stream().map(s -> s.name() + " " + s.attributes()).toList()).isNotEmpty();
        for (ReceivedSpan span : matching) {
            List<String> chain = new ArrayList<>();
            for (ReceivedSpan p = byId.get(span.parentSpanId()); p != null; p = byId.get(p.parentSpanId())) {
                chain.add(p.name());
            }
            assertThat(chain).as("ancestors of " + name).contains(ancestor);
        }
    }
}
