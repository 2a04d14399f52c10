package com.autotrader;

import com.autotrader.support.Await;
import com.autotrader.support.Http;
import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL restarts under a running app (its own database here, not the shared one): while it is down an
 * analysis fails with a clear JSON error and nothing half-written; once it is back the app stores again by
 * itself, without a restart, and the results from before are still there.
 */
class DatabaseRestartIT {

    static EmbeddedPostgres start(int port, Path data) throws Exception {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
    }

    @Test
    void theAppRidesOutAPostgresRestartAndLosesNothingStored() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = Files.createTempDirectory("pg-restart-it");
        EmbeddedPostgres pg = start(port, data);
        String url = pg.getJdbcUrl("postgres", "postgres");
        UpstreamStubs.upbit(TestServers.upbit());
        try (ConfigurableApplicationContext app = TestApp.start("pg-restart-it", Map.of(
                "spring.datasource.url", url, "gemini.api-keys", "",
                "spring.datasource.hikari.connection-timeout", "2000",
                "camel.main.jmx-enabled", "false", "spring.jmx.unique-names", "true"))) {
            Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            assertThat(http.post("/api/analyze/upbit/BTC").status()).isEqualTo(200);

            pg.close();
            Http.Response down = http.post("/api/analyze/upbit/BTC");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().path("error").asText()).isEqualTo("database_unavailable");
            assertThat(down.body()).doesNotContain("at org.", "at com.");
            assertThat(http.get("/actuator/health").status()).isEqualTo(503);

            pg = start(port, data);
            assertThat(Await.until(Duration.ofSeconds(20), () -> http.post("/api/analyze/upbit/BTC").status() == 200))
                    .as("stores again after the restart").isTrue();
            assertThat(http.get("/actuator/health").status()).isEqualTo(200);
            // the analysis from before the restart is still there, and no half-written row from the outage
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stock_analysis_results", Integer.class)).isEqualTo(2);
            assertThat(jdbc.queryForObject(
                    "SELECT COUNT(*) FROM stock_analysis_results r LEFT JOIN stock_info s ON s.id = r.stock_info_id "
                            + "WHERE s.id IS NULL", Integer.class)).isZero();
        } finally {
            pg.close();
        }
    }
}
