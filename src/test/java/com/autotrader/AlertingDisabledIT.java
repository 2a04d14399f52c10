package com.autotrader;

import com.autotrader.api.UpstreamException;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ERROR_REPORTING_ENABLED=false: a configured bot still sends nothing for failures. */
class AlertingDisabledIT {

    static final WireMockServer telegram = TestServers.telegram();

    @Test
    void noAlertIsSentWhenErrorReportingIsOff() throws Exception {
        telegram.resetAll();
        TelegramStub.accepts(telegram);
        try (ConfigurableApplicationContext app = TestApp.start("it-alerting-off", Map.of(
                "telegram.token", TelegramStub.TOKEN, "error-reporting.chat-id", "777",
                "error-reporting.enabled", "false"))) {
            app.getBean(ProducerTemplate.class).send("direct:report-failure", e -> e.setProperty(
                    Exchange.EXCEPTION_CAUGHT, new UpstreamException("upbit", UpstreamException.Kind.UNAVAILABLE,
                            "a failure nobody wants to hear about")));
            Thread.sleep(1500);
        }
        assertThat(TelegramStub.sent(telegram)).isEmpty();
    }
}
