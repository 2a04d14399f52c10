package com.autotrader.alerting;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The named parameters of the alert_outbox statements: what is due, claiming a row for this instance, and
 * when a row that failed again is due next (doubling from the poll interval up to 30 minutes).
 */
@Component
public class AlertOutbox {

    static final int BATCH = 20;
    static final Duration MAX_BACKOFF = Duration.ofMinutes(30);
    /** Long enough for one delivery with its retries; an instance that dies mid-send frees the row then. */
    static final Duration CLAIM = Duration.ofMinutes(2);

    private final Duration interval;
    private final Clock clock;

    @Autowired
    public AlertOutbox(@Value("${error-reporting.outbox-interval:30s}") Duration interval) {
        this(interval, Clock.systemUTC());
    }

    AlertOutbox(Duration interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    public Map<String, Object> due() {
        return Map.of("now", now(), "limit", BATCH);
    }

    public Map<String, Object> claim(Map<String, Object> row) {
        return Map.of("id", id(row), "now", now(), "until", now().plus(CLAIM));
    }

    public TelegramText text(Map<String, Object> row) {
        Map<String, Object> r = lower(row);
        return new TelegramText(String.valueOf(r.get("chat_id")), String.valueOf(r.get("text")),
                Boolean.TRUE.equals(r.get("html")), id(row), ((Number) r.get("attempts")).intValue());
    }

    /** A new row for a message whose delivery failed; a 400 (unparsable HTML) is kept as plain text. */
    public Map<String, Object> newRow(TelegramText text, Throwable failure) {
        TelegramText kept = TelegramMessages.status(failure) == 400 && text.html() ? TelegramMessages.plain(text) : text;
        Map<String, Object> row = new HashMap<>();
        row.put("chat_id", kept.chatId());
        row.put("text", kept.text());
        row.put("html", kept.html());
        row.put("last_error", TelegramMessages.describe(failure));
        row.put("next_attempt_at", now().plus(interval));
        return row;
    }

    /** The row failed once more: count it, and push its next attempt out. */
    public Map<String, Object> failedAgain(TelegramText text, Throwable failure) {
        long factor = 1L << Math.min(text.attempts() + 1, 16);
        Duration wait = interval.multipliedBy(factor);
        if (wait.compareTo(MAX_BACKOFF) > 0) {
            wait = MAX_BACKOFF;
        }
        // not sent, only held back by the open telegram circuit: due again at the next round, so it goes out
        // as soon as Telegram is back rather than after a backoff grown through the outage
        if (TelegramMessages.refusedByBreaker(failure)) {
            wait = interval;
        }
        Map<String, Object> row = new HashMap<>();
        row.put("id", text.outboxId());
        row.put("last_error", TelegramMessages.describe(failure));
        row.put("next_attempt_at", now().plus(wait));
        return row;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static long id(Map<String, Object> row) {
        return ((Number) lower(row).get("id")).longValue();
    }

    private static Map<String, Object> lower(Map<String, Object> row) {
        Map<String, Object> m = new HashMap<>();
        row.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        return m;
    }
}
