package com.autotrader;

import com.autotrader.analysis.RuleBasedAnalyst;
import com.autotrader.support.Http;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app with no configuration at all, as {@code ./mvnw spring-boot:run} starts it: H2 under ./data (the
 * tests run in target/), no Gemini key (rules-v1). Only Upbit's address points at the stub, since tests never
 * reach the internet.
 */
@CamelSpringBootTest
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // its own Quartz scheduler: they are named after the Camel context, and test contexts share a JVM
        properties = "camel.main.name=it-zero-config")
class ZeroConfigIT {

    static final WireMockServer upbit = TestServers.upbit();
    static final WireMockServer gemini = TestServers.gemini();

    /** A first start on a fresh machine: no database file from an earlier run (surefire runs in target/). */
    @BeforeAll
    static void freshDataDirectory() throws IOException {
        Path data = Path.of("data").toAbsolutePath();
        assertThat(data.getParent().getFileName()).hasToString("target");
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @DynamicPropertySource
    static void upbitStub(DynamicPropertyRegistry registry) {
        registry.add("upbit.base-url", TestServers::upbitUrl);
        // a stub to prove nothing calls Gemini without a key (were it called, it would be here, not the internet)
        registry.add("gemini.base-url", TestServers::geminiUrl);
        registry.add("analysis.schedule.enabled", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void startsOnH2AndAnalysesWithTheRuleBasedAnalyst(CapturedOutput output) throws Exception {
        // no ADMIN_PASSWORD: one is generated and printed once, so the owner can log in to Hawtio
        assertThat(output.getAll()).containsPattern("password generated for this run: [A-Za-z0-9]{20}");
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("H2");
            assertThat(c.getMetaData().getURL()).contains("./data/auto-trader");
        }
        upbit.resetAll();
        gemini.resetAll();
        UpstreamStubs.upbit(upbit);
        Http http = new Http(port);

        Http.Response response = http.post("/api/analyze/upbit/" + Http.encode("비트코인"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("model_name").asText()).isEqualTo(RuleBasedAnalyst.MODEL_NAME);
        assertThat(body.path("decision").asText()).isIn("buy", "hold", "sell");
        assertThat(body.path("tokens").path("total").isNull()).isTrue();
        gemini.verify(0, postRequestedFor(urlPathMatching(".*generateContent")));

        long id = body.path("id").asLong();
        assertThat(jdbc.queryForObject("SELECT model_name FROM stock_analysis_results WHERE id = ?", String.class, id))
                .isEqualTo("rules-v1");
        JsonNode list = http.get("/api/results?symbol=KRW-BTC").json();
        assertThat(list.path("items").findValuesAsText("id")).contains(String.valueOf(id));
        assertThat(http.get("/api/results/latest").status()).isEqualTo(200);
        assertThat(http.get("/api/statistics").json().path("total").asLong()).isPositive();
        assertThat(http.get("/api/openapi.json").body()).contains("/analyze/upbit/{coin}");
        assertThat(http.get("/actuator/health").json().path("status").asText()).isEqualTo("UP");
    }
}
