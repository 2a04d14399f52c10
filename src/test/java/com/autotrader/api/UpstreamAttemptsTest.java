package com.autotrader.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamAttemptsTest {

    @Test
    void rateLimitsAndServerErrorsAreRetriedWithGrowingPausesUpToTheLimit() {
        UpstreamAttempts a = new UpstreamAttempts(3, Duration.ofMillis(500));
        assertThat(a.pending()).isTrue();
        a.answered(429);
        assertThat(a.pending()).isTrue();
        assertThat(a.waitMillis()).isEqualTo(500);
        a.answered(503);
        assertThat(a.pending()).isTrue();
        assertThat(a.waitMillis()).isEqualTo(1000);
        a.answered(503);
        assertThat(a.pending()).isFalse();
        assertThat(a.attempts()).isEqualTo(3);
    }

    @Test
    void successAndClientErrorsEndAtOnce() {
        UpstreamAttempts ok = new UpstreamAttempts(3, Duration.ofMillis(500));
        ok.answered(200);
        assertThat(ok.pending()).isFalse();
        UpstreamAttempts notFound = new UpstreamAttempts(3, Duration.ofMillis(500));
        notFound.answered(404);
        assertThat(notFound.pending()).isFalse();
        assertThat(notFound.waitMillis()).isZero();
    }

    @Test
    void retryAfterInSecondsOrAsADateOverridesAShorterBackoff() {
        UpstreamAttempts a = new UpstreamAttempts(3, Duration.ofMillis(500), Duration.ofSeconds(10));
        a.answered(429, "2");
        assertThat(a.waitMillis()).isEqualTo(2000);
        a.answered(503, "not a number");
        assertThat(a.waitMillis()).isEqualTo(1000);
        String inFiveSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(5));
        assertThat(UpstreamAttempts.retryAfterMillis(inFiveSeconds)).isBetween(3000L, 5000L);
    }

    @Test
    void aRetryAfterLongerThanTheLongestWaitEndsTheLoopAtOnce() {
        UpstreamAttempts a = new UpstreamAttempts(3, Duration.ofMillis(500), Duration.ofSeconds(10));
        a.answered(429, "120");
        assertThat(a.pending()).isFalse();
        assertThat(a.waitMillis()).isZero();
    }
}
