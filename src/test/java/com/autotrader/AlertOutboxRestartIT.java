package com.autotrader;

import com.autotrader.api.UpstreamException;
import com.autotrader.support.Await;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alert that could not be delivered survives the app: it waits in alert_outbox while Telegram is down,
 * the app stops, and the next start delivers it.
 */
class AlertOutboxRestartIT {

    static final WireMockServer telegram = TestServers.telegram();
    static final Map<String, Object> ALERTING = Map.of(
            "telegram.token", TelegramStub.TOKEN, "error-reporting.chat-id", "777",
            "error-reporting.outbox-interval", "1s", "telegram.redelivery-delay-ms", "100",
            "telegram.max-redeliveries", "1");

    @Test
    void anUndeliveredAlertIsSentByTheNextStart() throws Exception {
        telegram.resetAll();
        TelegramStub.answers(telegram, 502, "<html>Bad Gateway</html>");

        try (ConfigurableApplicationContext first = TestApp.start("it-restart-first", ALERTING)) {
            new JdbcTemplate(first.getBean(javax.sql.DataSource.class)).update("DELETE FROM alert_outbox");
            first.getBean(ProducerTemplate.class).send("direct:report-failure", e -> e.setProperty(
                    Exchange.EXCEPTION_CAUGHT, new UpstreamException("upbit", UpstreamException.Kind.TIMEOUT,
                            "candles never answered during the restart test")));
            assertThat(Await.until(Duration.ofSeconds(5),
                    () -> count(first) == 1)).as("kept in the outbox").isTrue();
        }
        int triedBeforeStop = TelegramStub.sent(telegram).size();
        assertThat(triedBeforeStop).isPositive();
        telegram.resetAll();
        TelegramStub.accepts(telegram);
        Thread.sleep(1500);
        assertThat(TelegramStub.sent(telegram)).as("nothing sends while the app is down").isEmpty();

        try (ConfigurableApplicationContext second = TestApp.start("it-restart-second", ALERTING)) {
            assertThat(Await.until(Duration.ofSeconds(8), () -> count(second) == 0)).isTrue();
            assertThat(TelegramStub.messages(telegram)).hasSize(1);
            assertThat(TelegramStub.messages(telegram).get(0).path("text").asText())
                    .contains("candles never answered during the restart test");
        }
    }

    private static int count(ConfigurableApplicationContext app) {
        return new JdbcTemplate(app.getBean(javax.sql.DataSource.class))
                .queryForObject("SELECT COUNT(*) FROM alert_outbox", Integer.class);
    }
}
