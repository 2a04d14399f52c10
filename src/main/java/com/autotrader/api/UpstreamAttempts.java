package com.autotrader.api;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Retries of one upstream request the route loops on: a 429 or 5xx is tried again after a growing pause, or
 * after the upstream's own {@code Retry-After} when it says one, up to {@code max} attempts in all. A
 * Retry-After longer than {@code maxWait} ends the loop at once (holding a schedule that long helps no one);
 * any other answer ends it too and is judged by the caller.
 */
public class UpstreamAttempts {

    private final int max;
    private final Duration backoff;
    private final Duration maxWait;
    private int attempts;
    private boolean pending = true;
    private long waitMillis;

    public UpstreamAttempts(int max, Duration backoff) {
        this(max, backoff, Duration.ofMinutes(1));
    }

    public UpstreamAttempts(int max, Duration backoff, Duration maxWait) {
        this.max = max;
        this.backoff = backoff;
        this.maxWait = maxWait;
    }

    public boolean pending() {
        return pending;
    }

    public long waitMillis() {
        return waitMillis;
    }

    public int attempts() {
        return attempts;
    }

    public void answered(int status) {
        answered(status, null);
    }

    public void answered(int status, String retryAfter) {
        attempts++;
        boolean retryable = status == 429 || status >= 500;
        long wait = Math.max(backoff.toMillis() * attempts, retryAfterMillis(retryAfter));
        pending = retryable && attempts < max && wait <= maxWait.toMillis();
        waitMillis = pending ? wait : 0;
    }

    /** Retry-After as seconds or as an HTTP date (RFC 9110); absent or unreadable: 0. */
    static long retryAfterMillis(String retryAfter) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return 0;
        }
        String value = retryAfter.strip();
        try {
            return Math.max(0, Long.parseLong(value) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, at.toInstant().toEpochMilli() - System.currentTimeMillis());
            } catch (DateTimeParseException unreadable) {
                return 0;
            }
        }
    }
}
