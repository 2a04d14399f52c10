package com.autotrader.alerting;

import java.time.Duration;

/**
 * One message's way to Telegram: the send-telegram route loops while {@link #isPending()}, waits
 * {@link #getWaitMillis()}, sends, and reports {@link #succeeded()} or {@link #failed(Throwable)}.
 * A 429 waits Telegram's retry_after; 5xx, timeouts and refused connections back off exponentially from
 * {@code firstDelay}, up to {@code maxRetries} retries; a 400/401/403/404 is not retried. A message that
 * comes from the outbox is tried once: the outbox schedules its next attempt.
 *
 * <p>A loop rather than Camel's redelivery: camel-telegram completes sends on the HTTP client's thread, where
 * the route-scoped onException is no longer found and Camel falls back to the default error handler.
 */
public class TelegramDelivery {

    static final Duration MAX_DELAY = Duration.ofMinutes(1);

    private final TelegramText text;
    private final int maxRetries;
    private final Duration firstDelay;
    private int attempts;
    private long waitMillis;
    private boolean delivered;
    private boolean givenUp;
    private Throwable lastFailure;

    public TelegramDelivery(TelegramText text, int maxRetries, Duration firstDelay) {
        this.text = text;
        this.maxRetries = text.outboxId() == null ? maxRetries : 0;
        this.firstDelay = firstDelay;
    }

    public TelegramText getText() {
        return text;
    }

    public boolean isPending() {
        return !delivered && !givenUp;
    }

    public long getWaitMillis() {
        return waitMillis;
    }

    public boolean isDelivered() {
        return delivered;
    }

    public int getAttempts() {
        return attempts;
    }

    public Throwable getLastFailure() {
        return lastFailure;
    }

    public void succeeded() {
        attempts++;
        delivered = true;
        waitMillis = 0;
    }

    public void failed(Throwable failure) {
        attempts++;
        lastFailure = failure;
        if (attempts > maxRetries || !TelegramMessages.retryable(failure)) {
            givenUp = true;
            waitMillis = 0;
            return;
        }
        Long retryAfter = TelegramMessages.retryAfterSeconds(failure);
        if (retryAfter != null) {
            waitMillis = retryAfter * 1000;
        } else {
            long backoff = firstDelay.toMillis() << Math.min(attempts - 1, 20);
            waitMillis = Math.min(backoff, MAX_DELAY.toMillis());
        }
    }

    /** For the log line once the message is given up on: what went wrong, masked. */
    public String getFailureDescription() {
        return lastFailure == null ? "" : TelegramMessages.describe(lastFailure);
    }
}
