package com.autotrader.api;

import java.time.Duration;

/**
 * Retries of one upstream request the route loops on: a 429 or 5xx is tried again after a growing pause, up
 * to {@code max} attempts in all; any other answer ends the loop and is judged by the caller.
 */
public class UpstreamAttempts {

    private final int max;
    private final Duration backoff;
    private int attempts;
    private boolean pending = true;
    private long waitMillis;

    public UpstreamAttempts(int max, Duration backoff) {
        this.max = max;
        this.backoff = backoff;
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
        attempts++;
        boolean retryable = status == 429 || status >= 500;
        pending = retryable && attempts < max;
        waitMillis = pending ? backoff.toMillis() * attempts : 0;
    }
}
