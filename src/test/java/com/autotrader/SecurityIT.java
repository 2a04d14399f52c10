package com.autotrader;

import com.autotrader.support.GeminiFixtures;
import com.autotrader.support.Http;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static com.autotrader.support.UpstreamStubs.BTC_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, as a client on the LAN sees it (loopback trust off): open read side, login or API key for
 * analyses, Hawtio, Jolokia and actuator; no secret in /actuator/env or anywhere a client can read.
 */
@CamelSpringBootTest
@DisableJmx(false) // the Camel test support turns JMX off by default; Hawtio reads the routes through it
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=it-security",
        "admin.username=owner",
        "admin.password=Pw-for-the-security-test-77",
        "admin.api-key=api-key-for-the-security-test",
        "admin.trust-loopback=false",
        "gemini.api-keys=gemini-key-for-the-security-test",
        "gemini.models=gemini-pro-test",
        "telegram.token=" + TelegramStub.TOKEN,
        "analysis.schedule.enabled=false"
})
class SecurityIT {

    static final String[] OWNER = Http.basic("owner", "Pw-for-the-security-test-77");
    static final String[] SECRETS = {"Pw-for-the-security-test-77", "api-key-for-the-security-test",
            "gemini-key-for-the-security-test", TelegramStub.TOKEN};

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void stubs() {
        http = new Http(port);
        TestServers.upbit().resetAll();
        UpstreamStubs.upbit(TestServers.upbit());
        TestServers.gemini().resetAll();
        UpstreamStubs.geminiAnswers(TestServers.gemini(), "gemini-pro-test", GeminiFixtures.decisionJson("hold", 50, BTC_PRICE));
    }

    @Test
    void theReadSideHealthAndPrometheusNeedNoLogin() {
        assertThat(http.get("/api/results").status()).isEqualTo(200);
        assertThat(http.get("/api/statistics").status()).isEqualTo(200);
        assertThat(http.get("/api/openapi.json").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void anAnalysisNeedsTheLoginOrTheApiKey() {
        Http.Response anonymous = http.post("/api/analyze/upbit/BTC");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("error").asText()).isEqualTo("unauthorized");
        assertThat(http.post("/api/analyze/upbit/BTC", "X-API-Key", "not-the-key").status()).isEqualTo(401);
        assertThat(http.post("/api/analyze/upbit/BTC", OWNER[0], Http.basic("owner", "wrong")[1]).status()).isEqualTo(401);

        assertThat(http.post("/api/analyze/upbit/BTC", "X-API-Key", "api-key-for-the-security-test").status()).isEqualTo(200);
        assertThat(http.post("/api/analyze/upbit/BTC", OWNER).status()).isEqualTo(200);
    }

    @Test
    void hawtioAndJolokiaNeedTheLoginAndShowTheRoutes() throws Exception {
        assertThat(http.get("/actuator/hawtio/").status()).isEqualTo(401);
        assertThat(http.get("/actuator/jolokia/version").status()).isEqualTo(401);

        HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/hawtio/"))
                        .header(OWNER[0], OWNER[1]).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("hawtio");

        Http.Response routes = http.get("/actuator/jolokia/search/org.apache.camel:type=routes,*", OWNER);
        assertThat(routes.status()).isEqualTo(200);
        assertThat(routes.body()).contains("analyze-coin", "collect-data", "error-report");
    }

    @Test
    void actuatorNeedsTheLoginAndShowsNoSecret() {
        assertThat(http.get("/actuator/env").status()).isEqualTo(401);
        assertThat(http.get("/actuator/metrics").status()).isEqualTo(401);

        Http.Response env = http.get("/actuator/env", OWNER);
        assertThat(env.status()).isEqualTo(200);
        for (String secret : SECRETS) {
            assertThat(env.body()).doesNotContain(secret);
            assertThat(http.get("/actuator/prometheus").body()).doesNotContain(secret);
            assertThat(http.get("/actuator/health").body()).doesNotContain(secret);
        }
    }
}
