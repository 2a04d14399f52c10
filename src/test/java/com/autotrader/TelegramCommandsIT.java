package com.autotrader;

import com.autotrader.support.Await;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestServers;
import com.autotrader.support.TradingFixtures;
import com.autotrader.support.UpstreamStubs;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telegram commands end to end: camel-telegram polls WireMock's getUpdates, the allowed chat's commands act and
 * are answered through sendMessage, and a stranger's /pause is ignored without a reply.
 */
@CamelSpringBootTest
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext // its poller must not keep calling getUpdates once this class is done
@SpringBootTest(properties = {
        "camel.main.name=it-telegram-commands",
        "analysis.schedule.enabled=false",
        "gemini.api-keys=",
        "telegram.token=" + TelegramStub.TOKEN,
        "telegram.chat-id=555",
        "telegram.per-chat-interval-ms=10",
        "telegram.commands.long-poll-seconds=0",
        "telegram.commands.poll-delay-ms=200"
})
class TelegramCommandsIT {

    static final String UPDATES_PATH = "/bot" + TelegramStub.TOKEN + "/getUpdates";
    static final WireMockServer telegram = TestServers.telegram();
    static final WireMockServer upbit = TestServers.upbit();

    static {
        // in place before the context (and its poller) starts: one batch of updates, then nothing new
        telegram.resetAll();
        TelegramStub.accepts(telegram);
        UpstreamStubs.upbit(upbit);
        telegram.stubFor(any(urlPathEqualTo(UPDATES_PATH)).inScenario("updates").whenScenarioStateIs(STARTED)
                .willReturn(okJson(updates(
                        update(1, 555, "/status"),
                        update(2, 999, "/pause"),
                        update(3, 555, "/analyze 비트코인"),
                        update(4, 555, "/last BTC"),
                        update(5, 555, "/pause"),
                        update(6, 555, "/analyze 없는코인"),
                        update(7, 555, "hello")))).willSetStateTo("drained"));
        telegram.stubFor(any(urlPathEqualTo(UPDATES_PATH)).inScenario("updates").whenScenarioStateIs("drained")
                .willReturn(okJson("{\"ok\":true,\"result\":[]}")));
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
        registry.add("telegram.commands.enabled", () -> "true");
    }

    @Autowired
    JdbcTemplate jdbc;

    static String update(int id, long chat, String text) {
        return """
                {"update_id":%d,"message":{"message_id":%d,"from":{"id":%d,"is_bot":false,"first_name":"Someone"},
                 "chat":{"id":%d,"type":"private"},"date":1764133200,"text":"%s"}}""".formatted(id, 100 + id, chat, chat, text);
    }

    static String updates(String... updates) {
        return "{\"ok\":true,\"result\":[" + String.join(",", updates) + "]}";
    }

    List<JsonNode> repliesTo(String chat) {
        return TelegramStub.messages(telegram).stream().filter(m -> m.path("chat_id").asText().equals(chat)).toList();
    }

    List<String> texts(String chat) {
        return repliesTo(chat).stream().map(m -> m.path("text").asText()).toList();
    }

    @Test
    void theOwnersCommandsActAndAreAnsweredAndAStrangerGetsNothing(CapturedOutput output) {
        TradingFixtures.reset(jdbc);   // may already have run: the kill switch is read when /pause arrives

        assertThat(Await.until(Duration.ofSeconds(30), () -> texts("555").stream()
                .anyMatch(t -> t.contains("auto-trader 명령")))).as(String.valueOf(texts("555"))).isTrue();

        List<String> owner = texts("555").stream().filter(t -> !t.startsWith("📈")).toList();
        assertThat(owner.get(0)).startsWith("<b>상태</b>").contains("모의투자", "▶️ 진행");
        assertThat(owner.get(1)).startsWith("✅ 분석 완료: <b>비트코인</b> (KRW-BTC)");
        assertThat(owner.get(2)).startsWith("🕒 최근 분석: <b>비트코인</b> (KRW-BTC)");
        assertThat(owner.get(3)).startsWith("⏸ 주문을 멈췄습니다");
        assertThat(owner.get(4)).startsWith("❌ /analyze 실패: ").contains("없는코인");
        assertThat(owner.get(5)).contains("auto-trader 명령");
        assertThat(repliesTo("555")).allSatisfy(m -> assertThat(m.path("parse_mode").asText()).isEqualTo("HTML"));

        // the stranger's /pause came first, yet only the owner's changed the switch
        Map<String, Object> control = jdbc.queryForMap("SELECT paused, changed_by FROM trading_control");
        assertThat(control).containsEntry("paused", true).containsEntry("changed_by", "telegram:555");
        assertThat(repliesTo("999")).isEmpty();
        assertThat(output.getAll()).contains("Telegram message from chat 999 ignored: not in TELEGRAM_ALLOWED_CHAT_IDS");
        TradingFixtures.reset(jdbc);
    }
}
