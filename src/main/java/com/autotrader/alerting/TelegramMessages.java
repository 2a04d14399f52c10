package com.autotrader.alerting;

import org.apache.camel.component.telegram.model.OutgoingTextMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What send-telegram needs to know: whether a bot is configured, the camel-telegram message for a text, and
 * what a failed send means (camel-telegram reports "{url} responded: {status}{body}", token included).
 */
@Component
public class TelegramMessages {

    private static final Pattern STATUS = Pattern.compile("responded: (\\d{3})");
    private static final Pattern RETRY_AFTER = Pattern.compile("\"retry_after\"\\s*:\\s*(\\d+)");
    private static final Pattern TAG = Pattern.compile("</?(b|i|u|s|code|pre|a)( [^>]*)?>");

    private final boolean configured;

    public TelegramMessages(@Value("${telegram.token:}") String token) {
        this.configured = token != null && !token.isBlank();
    }

    public boolean isConfigured() {
        return configured;
    }

    public TelegramDelivery delivery(TelegramText text, int maxRetries, long firstDelayMillis) {
        return new TelegramDelivery(text, maxRetries, java.time.Duration.ofMillis(firstDelayMillis));
    }

    public void succeeded(TelegramDelivery delivery) {
        delivery.succeeded();
    }

    public void failed(TelegramDelivery delivery, Exception failure) {
        delivery.failed(failure);
    }

    public OutgoingTextMessage outgoing(TelegramText text) {
        OutgoingTextMessage m = new OutgoingTextMessage();
        m.setChatId(text.chatId());
        m.setText(text.text());
        if (text.html()) {
            m.setParseMode("HTML");
        }
        m.setDisableWebPagePreview(true);
        if (text.silent()) {
            m.setDisableNotification(true);
        }
        return m;
    }

    /** The same message without markup, for when Telegram refuses to parse the HTML (a 400). */
    public static TelegramText plain(TelegramText text) {
        String stripped = TAG.matcher(text.text()).replaceAll("")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return new TelegramText(text.chatId(), stripped, false, text.outboxId(), text.attempts(), text.silent());
    }

    /** The HTTP status of a failed send, or 0 when there was no answer (connection refused, timeout). */
    public static int status(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Matcher m = STATUS.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 0;
    }

    /** Telegram's {@code parameters.retry_after} in seconds, when the failure carries one. */
    public static Long retryAfterSeconds(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Matcher m = RETRY_AFTER.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        return null;
    }

    /**
     * Worth sending again: rate limited, a server error, or no answer at all. A 400/401/403/404 is not, nor a send
     * the open telegram circuit refused (the outbox tries it again later).
     */
    public static boolean retryable(Throwable failure) {
        if (refusedByBreaker(failure)) {
            return false;
        }
        int status = status(failure);
        return status == 0 || status == 429 || status >= 500;
    }

    /** Telegram is down (a server error or no answer): what the telegram circuit counts. */
    public static boolean outage(Throwable failure) {
        int status = status(failure);
        return !refusedByBreaker(failure) && (status == 0 || status >= 500);
    }

    public static boolean refusedByBreaker(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException) {
                return true;
            }
        }
        return false;
    }

    /** A failure in one masked line, for logs and the outbox. */
    public static String describe(Throwable failure) {
        int status = status(failure);
        String what = status == 0 ? failure.getClass().getSimpleName() + ": " + failure.getMessage() : "HTTP " + status;
        String line = Secrets.mask(what);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
