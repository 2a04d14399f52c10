package com.autotrader.alerting;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.telegram.model.OutgoingTextMessage;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

/** TelegramMessages, and TelegramDelivery which acts on what it reads. */
class TelegramMessagesTest {

    private static final String TOKEN = "123456789:AAEabcdefghijklmnopqrstuvwxyz0123456";
    private static final String URL = "http://localhost:1234/bot" + TOKEN + "/sendMessage";

    private static RuntimeCamelException responded(String statusAndBody) {
        return new RuntimeCamelException(URL + " responded: " + statusAndBody);
    }

    private static final RuntimeCamelException TOO_MANY = responded("429{\"ok\":false,\"error_code\":429,"
            + "\"description\":\"Too Many Requests: retry after 34\",\"parameters\":{\"retry_after\":34}}");
    private static final RuntimeCamelException SERVER_ERROR = responded("500{\"ok\":false,\"error_code\":500,"
            + "\"description\":\"Internal Server Error\"}");
    private static final RuntimeCamelException BAD_REQUEST = responded("400{\"ok\":false,\"error_code\":400,"
            + "\"description\":\"Bad Request: can't parse entities: Unsupported start tag \\\"foo\\\" at byte offset 12\"}");
    private static final RuntimeCamelException UNAUTHORIZED = responded("401{\"ok\":false,\"error_code\":401,"
            + "\"description\":\"Unauthorized\"}");

    @Test
    void tooManyRequests() {
        assertThat(TelegramMessages.status(TOO_MANY)).isEqualTo(429);
        assertThat(TelegramMessages.retryAfterSeconds(TOO_MANY)).isEqualTo(34L);
        assertThat(TelegramMessages.retryable(TOO_MANY)).isTrue();
    }

    @Test
    void serverError() {
        assertThat(TelegramMessages.status(SERVER_ERROR)).isEqualTo(500);
        assertThat(TelegramMessages.retryAfterSeconds(SERVER_ERROR)).isNull();
        assertThat(TelegramMessages.retryable(SERVER_ERROR)).isTrue();
    }

    @Test
    void badRequestIsNotRetryable() {
        assertThat(TelegramMessages.status(BAD_REQUEST)).isEqualTo(400);
        assertThat(TelegramMessages.retryAfterSeconds(BAD_REQUEST)).isNull();
        assertThat(TelegramMessages.retryable(BAD_REQUEST)).isFalse();
        assertThat(TelegramMessages.retryable(UNAUTHORIZED)).isFalse();
    }

    @Test
    void noAnswerIsStatusZeroAndRetryable() {
        ConnectException refused = new ConnectException("Connection refused");

        assertThat(TelegramMessages.status(refused)).isZero();
        assertThat(TelegramMessages.retryAfterSeconds(refused)).isNull();
        assertThat(TelegramMessages.retryable(refused)).isTrue();
        assertThat(TelegramMessages.status(new RuntimeCamelException(refused))).isZero();
        assertThat(TelegramMessages.status(new RuntimeException((String) null))).isZero();
    }

    @Test
    void statusAndRetryAfterAreFoundInCauses() {
        Throwable wrapped = new CamelExecutionException("Exception occurred during execution", null, TOO_MANY);

        assertThat(TelegramMessages.status(wrapped)).isEqualTo(429);
        assertThat(TelegramMessages.retryAfterSeconds(wrapped)).isEqualTo(34L);
    }

    @Test
    void describeGivesTheStatusWithoutTheToken() {
        assertThat(TelegramMessages.describe(TOO_MANY)).isEqualTo("HTTP 429");
        assertThat(TelegramMessages.describe(BAD_REQUEST)).isEqualTo("HTTP 400");
    }

    @Test
    void describeMasksTheTokenAndStaysShortWithoutAStatus() {
        ConnectException refused = new ConnectException("Connect to " + URL + " failed: Connection refused "
                + "x".repeat(500));

        String line = TelegramMessages.describe(refused);

        assertThat(line).startsWith("ConnectException: Connect to http://localhost:1234/bot***/sendMessage failed")
                .doesNotContain(TOKEN).doesNotContain("AAEabc");
        assertThat(line.length()).isLessThanOrEqualTo(300);
        assertThat(TelegramMessages.describe(new ConnectException("Connection refused")))
                .isEqualTo("ConnectException: Connection refused");
    }

    @Test
    void plainStripsTagsAndUnescapes() {
        TelegramText html = new TelegramText("-100", "🔴 <b>ERROR: X</b>\n\n<pre>a &lt;script&gt; &amp; b &amp;lt;</pre>"
                + " <a href=\"https://x.test\">link</a> <i>i</i><code>c</code>", true, 5L, 2);

        TelegramText plain = TelegramMessages.plain(html);

        assertThat(plain.text()).isEqualTo("🔴 ERROR: X\n\na <script> & b &lt; link ic");
        assertThat(plain.html()).isFalse();
        assertThat(plain.chatId()).isEqualTo("-100");
        assertThat(plain.outboxId()).isEqualTo(5L);
        assertThat(plain.attempts()).isEqualTo(2);
    }

    @Test
    void outgoingHtml() {
        TelegramMessages telegram = new TelegramMessages(TOKEN);

        OutgoingTextMessage m = telegram.outgoing(TelegramText.html("-100123", "<b>hi</b>"));

        assertThat(m.getChatId()).isEqualTo("-100123");
        assertThat(m.getText()).isEqualTo("<b>hi</b>");
        assertThat(m.getParseMode()).isEqualTo("HTML");
        assertThat(m.getDisableWebPagePreview()).isTrue();
    }

    @Test
    void outgoingPlainHasNoParseMode() {
        OutgoingTextMessage m = new TelegramMessages(TOKEN)
                .outgoing(new TelegramText("42", "a < b", false, null, 0));

        assertThat(m.getChatId()).isEqualTo("42");
        assertThat(m.getText()).isEqualTo("a < b");
        assertThat(m.getParseMode()).isNull();
        assertThat(m.getDisableWebPagePreview()).isTrue();
    }

    @Test
    void configuredOnlyWithAToken() {
        assertThat(new TelegramMessages("").isConfigured()).isFalse();
        assertThat(new TelegramMessages("   ").isConfigured()).isFalse();
        assertThat(new TelegramMessages(null).isConfigured()).isFalse();
        assertThat(new TelegramMessages(TOKEN).isConfigured()).isTrue();
    }

    // TelegramDelivery: the retry policy of send-telegram

    private static TelegramDelivery delivery(Long outboxId) {
        return new TelegramDelivery(new TelegramText("777", "<b>x</b>", true, outboxId, 0), 3,
                java.time.Duration.ofMillis(100));
    }

    @Test
    void aRateLimitedSendWaitsRetryAfter() {
        TelegramDelivery d = delivery(null);
        d.failed(TOO_MANY);
        assertThat(d.isPending()).isTrue();
        assertThat(d.getWaitMillis()).isEqualTo(34_000);
        d.succeeded();
        assertThat(d.isPending()).isFalse();
        assertThat(d.isDelivered()).isTrue();
        assertThat(d.getAttempts()).isEqualTo(2);
    }

    @Test
    void serverErrorsBackOffExponentiallyThenGiveUp() {
        TelegramDelivery d = delivery(null);
        d.failed(SERVER_ERROR);
        assertThat(d.getWaitMillis()).isEqualTo(100);
        d.failed(new ConnectException("Connection refused"));
        assertThat(d.getWaitMillis()).isEqualTo(200);
        d.failed(SERVER_ERROR);
        assertThat(d.getWaitMillis()).isEqualTo(400);
        assertThat(d.isPending()).isTrue();
        d.failed(SERVER_ERROR);
        assertThat(d.isPending()).as("three retries, then the outbox").isFalse();
        assertThat(d.isDelivered()).isFalse();
        assertThat(d.getFailureDescription()).isEqualTo("HTTP 500");
    }

    @Test
    void aRefusedMessageIsNotRetried() {
        TelegramDelivery d = delivery(null);
        d.failed(BAD_REQUEST);
        assertThat(d.isPending()).isFalse();
        TelegramDelivery u = delivery(null);
        u.failed(UNAUTHORIZED);
        assertThat(u.isPending()).isFalse();
    }

    @Test
    void anOutboxMessageIsTriedOnceHere() {
        TelegramDelivery d = delivery(42L);
        d.failed(SERVER_ERROR);
        assertThat(d.isPending()).isFalse();
        assertThat(d.getLastFailure()).isSameAs(SERVER_ERROR);
    }
}
