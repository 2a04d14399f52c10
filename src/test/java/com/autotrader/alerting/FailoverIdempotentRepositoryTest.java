package com.autotrader.alerting;

import com.autotrader.support.MutableClock;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class FailoverIdempotentRepositoryTest {

    /** Stands in for Redis: a set of keys, switchable to fail, counting every call. */
    static final class FakePrimary extends ServiceSupport implements IdempotentRepository {
        final Set<String> keys = new HashSet<>();
        boolean failing;
        int calls;

        private void call() {
            calls++;
            if (failing) {
                throw new IllegalStateException("Could not get a resource from the pool: redis://:pw@redis:6379");
            }
        }

        @Override
        public boolean add(String key) {
            call();
            return keys.add(key);
        }

        @Override
        public boolean contains(String key) {
            call();
            return keys.contains(key);
        }

        @Override
        public boolean remove(String key) {
            call();
            return keys.remove(key);
        }

        @Override
        public boolean confirm(String key) {
            call();
            return true;
        }

        @Override
        public void clear() {
            call();
            keys.clear();
        }
    }

    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T00:00:00Z"));
    private final FakePrimary primary = new FakePrimary();
    private final TtlIdempotentRepository fallback = new TtlIdempotentRepository(Duration.ofMinutes(5), clock);
    private final FailoverIdempotentRepository window =
            new FailoverIdempotentRepository(primary, fallback, RETRY_AFTER, clock);

    @Test
    void usesThePrimaryWhileItWorks() {
        assertThat(window.add("fp")).isTrue();
        assertThat(window.add("fp")).isFalse();
        assertThat(window.contains("fp")).isTrue();

        assertThat(primary.calls).isEqualTo(3);
        assertThat(primary.keys).containsExactly("fp");
        assertThat(fallback.contains("fp")).isFalse();
        assertThat(window.mode()).isEqualTo("redis");
        assertThat(window.isDegraded()).isFalse();
    }

    @Test
    void fallsBackWhenThePrimaryFailsAndTheAlertStillCountsAsNew() {
        primary.failing = true;

        assertThat(window.add("fp")).isTrue();

        assertThat(primary.calls).isEqualTo(1);
        assertThat(fallback.contains("fp")).isTrue();
        assertThat(window.mode()).isEqualTo("in-process (Redis unreachable)");
        assertThat(window.isDegraded()).isTrue();
    }

    @Test
    void leavesThePrimaryAloneUntilRetryAfterHasPassed() {
        primary.failing = true;
        window.add("fp");
        primary.failing = false;

        clock.advance(RETRY_AFTER.minusSeconds(1));
        assertThat(window.add("fp")).isFalse();   // deduplicated in-process
        assertThat(window.add("other")).isTrue();
        assertThat(window.contains("fp")).isTrue();
        assertThat(primary.calls).isEqualTo(1);
        assertThat(window.isDegraded()).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(window.isDegraded()).isFalse();
        assertThat(window.mode()).isEqualTo("redis");
        assertThat(window.add("later")).isTrue();
        assertThat(primary.calls).isEqualTo(2);
        assertThat(primary.keys).containsExactly("later");
    }

    @Test
    void aPrimaryStillDownAfterRetryAfterIsTriedOnceAndLeftAloneAgain() {
        primary.failing = true;
        window.add("a");
        clock.advance(RETRY_AFTER);

        assertThat(window.add("b")).isTrue();
        assertThat(primary.calls).isEqualTo(2);
        assertThat(window.isDegraded()).isTrue();

        clock.advance(RETRY_AFTER.minusSeconds(1));
        window.add("c");
        assertThat(primary.calls).isEqualTo(2);
    }

    @Test
    void removeAndClearReachBothStores() {
        window.add("fp");
        fallback.add("fp");

        assertThat(window.remove("fp")).isTrue();
        assertThat(primary.keys).isEmpty();
        assertThat(fallback.contains("fp")).isFalse();

        window.add("x");
        fallback.add("y");
        window.clear();
        assertThat(primary.keys).isEmpty();
        assertThat(fallback.contains("y")).isFalse();
    }

    @Test
    void failingRemoveAndClearDoNotThrow() {
        fallback.add("fp");
        primary.failing = true;

        assertThat(window.remove("fp")).isFalse();
        assertThat(fallback.contains("fp")).isFalse();
        assertThatCode(window::clear).doesNotThrowAnyException();
        assertThat(window.isDegraded()).isTrue();
    }

    @Test
    void confirmGoesToThePrimaryThenTheFallback() {
        assertThat(window.confirm("fp")).isTrue();
        assertThat(primary.calls).isEqualTo(1);

        primary.failing = true;
        assertThat(window.confirm("fp")).isTrue();
        assertThat(window.isDegraded()).isTrue();
    }

    @Test
    void startsAndStopsBothStores() {
        window.start();
        assertThat(primary.isStarted()).isTrue();
        assertThat(fallback.isStarted()).isTrue();

        window.stop();
        assertThat(primary.isStopped()).isTrue();
        assertThat(fallback.isStopped()).isTrue();
    }
}
