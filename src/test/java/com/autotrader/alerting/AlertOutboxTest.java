package com.autotrader.alerting;

import com.autotrader.support.MutableClock;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertOutboxTest {

    private static final String URL = "http://localhost:1234/bot123456789:AAEabcdefghijklmnopqrstuvwxyz0123456/sendMessage";

    private static final OffsetDateTime NOW = OffsetDateTime.of(2024, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final MutableClock clock = new MutableClock(NOW.toInstant());
    private final AlertOutbox outbox = new AlertOutbox(Duration.ofSeconds(30), clock);

    private static RuntimeCamelException status(int status) {
        return new RuntimeCamelException(URL + " responded: " + status + "{\"ok\":false,\"error_code\":" + status + "}");
    }

    @Test
    void dueHasNowInUtcAndTheBatchLimit() {
        Map<String, Object> due = outbox.due();

        assertThat(due).containsOnly(Map.entry("now", NOW), Map.entry("limit", 20));
        assertThat(((OffsetDateTime) due.get("now")).getOffset()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void dueFollowsTheClock() {
        clock.advance(Duration.ofMinutes(5));

        assertThat(outbox.due()).containsEntry("now", NOW.plusMinutes(5));
    }

    @Test
    void claimHoldsTheRowForTwoMinutes() {
        assertThat(outbox.claim(Map.of("ID", 42L, "CHAT_ID", "-100")))
                .containsOnly(Map.entry("id", 42L), Map.entry("now", NOW), Map.entry("until", NOW.plusMinutes(2)));
        assertThat(outbox.claim(Map.of("id", 7))).containsEntry("id", 7L);
    }

    @Test
    void textReadsUpperCaseKeys() {
        TelegramText text = outbox.text(Map.of("ID", 7L, "CHAT_ID", "-100123", "TEXT", "<b>hi</b>", "HTML", true,
                "ATTEMPTS", 3));

        assertThat(text).isEqualTo(new TelegramText("-100123", "<b>hi</b>", true, 7L, 3));
    }

    @Test
    void textReadsLowerCaseKeys() {
        TelegramText text = outbox.text(Map.of("id", 8, "chat_id", "555", "text", "plain", "html", false,
                "attempts", 0));

        assertThat(text).isEqualTo(new TelegramText("555", "plain", false, 8L, 0));
    }

    @Test
    void newRowKeepsHtmlForAServerError() {
        TelegramText html = TelegramText.html("-100", "<b>ERROR</b> a &amp; b");

        Map<String, Object> row = outbox.newRow(html, status(503));

        assertThat(row).containsOnly(
                Map.entry("chat_id", "-100"),
                Map.entry("text", "<b>ERROR</b> a &amp; b"),
                Map.entry("html", true),
                Map.entry("last_error", "HTTP 503"),
                Map.entry("next_attempt_at", NOW.plusSeconds(30)));
    }

    @Test
    void newRowTurnsHtmlIntoPlainTextForABadRequest() {
        TelegramText html = TelegramText.html("-100", "<b>ERROR</b> a &amp; b &lt;x&gt;");

        Map<String, Object> row = outbox.newRow(html, status(400));

        assertThat(row).containsEntry("text", "ERROR a & b <x>")
                .containsEntry("html", false)
                .containsEntry("chat_id", "-100")
                .containsEntry("last_error", "HTTP 400");
    }

    @Test
    void newRowForNoAnswerDescribesTheFailureMasked() {
        Map<String, Object> row = outbox.newRow(TelegramText.html("-100", "<b>x</b>"),
                new ConnectException("Connect to " + URL + " refused"));

        assertThat(row).containsEntry("html", true).containsEntry("text", "<b>x</b>");
        assertThat((String) row.get("last_error")).startsWith("ConnectException: ").doesNotContain("AAEabc");
    }

    @ParameterizedTest
    @CsvSource({"0, 60", "1, 120", "2, 240", "3, 480", "4, 960", "5, 1800", "6, 1800", "20, 1800", "1000, 1800"})
    void failedAgainDoublesFromTheIntervalAndCapsAtThirtyMinutes(int attempts, long waitSeconds) {
        TelegramText text = new TelegramText("-100", "x", true, 9L, attempts);

        Map<String, Object> row = outbox.failedAgain(text, status(502));

        assertThat(row).containsOnly(
                Map.entry("id", 9L),
                Map.entry("last_error", "HTTP 502"),
                Map.entry("next_attempt_at", NOW.plusSeconds(waitSeconds)));
    }

    @Test
    void failedAgainCapsForALongInterval() {
        AlertOutbox slow = new AlertOutbox(Duration.ofMinutes(20), clock);

        Map<String, Object> row = slow.failedAgain(new TelegramText("-1", "x", false, 1L, 0), status(500));

        assertThat(row).containsEntry("next_attempt_at", NOW.plusMinutes(30));
    }
}
