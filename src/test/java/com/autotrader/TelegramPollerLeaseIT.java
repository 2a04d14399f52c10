package com.autotrader;

import com.autotrader.commands.TelegramCommandsStarter;
import com.autotrader.support.Await;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telegram allows one getUpdates poller per bot token: of two instances on one database, exactly one polls
 * (it holds the lease), and when it stops the other takes over.
 */
class TelegramPollerLeaseIT {

    static Map<String, Object> instance() {
        return Map.of(
                "telegram.token", TelegramStub.TOKEN,
                "telegram.chat-id", "555",
                "telegram.commands.enabled", "true",
                "telegram.commands.lease", "2s",
                "telegram.commands.long-poll-seconds", "0",
                "camel.main.jmx-enabled", "false",
                "spring.jmx.unique-names", "true");
    }

    @Test
    void exactlyOneOfTwoInstancesPollsAndTheOtherTakesOverWhenItStops() {
        WireMockServer telegram = TestServers.telegram();
        telegram.stubFor(any(urlPathEqualTo("/bot" + TelegramStub.TOKEN + "/getUpdates"))
                .willReturn(okJson("{\"ok\":true,\"result\":[]}")));
        try (ConfigurableApplicationContext first = TestApp.start("lease-it-1", instance());
             ConfigurableApplicationContext second = TestApp.start("lease-it-2", instance())) {
            TelegramCommandsStarter a = first.getBean(TelegramCommandsStarter.class);
            TelegramCommandsStarter b = second.getBean(TelegramCommandsStarter.class);
            assertThat(Await.until(Duration.ofSeconds(5), () -> a.polling() || b.polling())).isTrue();
            // over a few lease periods, never both
            for (int i = 0; i < 10; i++) {
                assertThat(a.polling() && b.polling()).as("both polling").isFalse();
                sleep(300);
            }
            ConfigurableApplicationContext leader = a.polling() ? first : second;
            TelegramCommandsStarter follower = a.polling() ? b : a;
            assertThat(follower.polling()).isFalse();

            leader.close();

            assertThat(Await.until(Duration.ofSeconds(6), follower::polling)).as("the other instance took over").isTrue();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
