package com.autotrader.alerting;

import com.autotrader.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TtlIdempotentRepositoryTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T00:00:00Z"));
    private final TtlIdempotentRepository window = new TtlIdempotentRepository(Duration.ofMinutes(5), clock);

    @Test
    void newOnceWithinTheWindow() {
        assertThat(window.add("fp")).isTrue();
        assertThat(window.add("fp")).isFalse();
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(window.add("fp")).isFalse();
        assertThat(window.add("other")).isTrue();
    }

    @Test
    void newAgainOnceTheWindowHasPassed() {
        assertThat(window.add("fp")).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(window.add("fp")).isTrue();
        assertThat(window.add("fp")).isFalse();
    }

    @Test
    void duplicatesDoNotExtendTheWindow() {
        window.add("fp");
        clock.advance(Duration.ofMinutes(4));
        assertThat(window.add("fp")).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(window.add("fp")).isTrue();
    }

    @Test
    void containsOnlyWithinTheWindow() {
        assertThat(window.contains("fp")).isFalse();
        window.add("fp");
        assertThat(window.contains("fp")).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(window.contains("fp")).isFalse();
    }

    @Test
    void removeMakesTheKeyNewAgain() {
        window.add("fp");

        assertThat(window.remove("fp")).isTrue();
        assertThat(window.contains("fp")).isFalse();
        assertThat(window.add("fp")).isTrue();
        assertThat(window.remove("unknown")).isFalse();
    }

    @Test
    void clearForgetsEverything() {
        window.add("a");
        window.add("b");

        window.clear();

        assertThat(window.contains("a")).isFalse();
        assertThat(window.add("b")).isTrue();
    }

    @Test
    void manyExpiredKeysDoNotBlockNewOnes() {
        for (int i = 0; i < 10_050; i++) {
            assertThat(window.add("k" + i)).isTrue();
        }
        clock.advance(Duration.ofMinutes(6));

        assertThat(window.add("k1")).isTrue();
        assertThat(window.add("fresh")).isTrue();
        assertThat(window.add("fresh")).isFalse();
    }

    @Test
    void modeIsInProcessAndNotDegraded() {
        assertThat(window.mode()).isEqualTo("in-process (REDIS_URL not set)");
        assertThat(window.isDegraded()).isFalse();
        assertThat(window.confirm("x")).isTrue();
    }

    @Test
    void concurrentAddsOfTheSameKeyGiveExactlyOneTrue() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                String key = "fp-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return window.add(key);
                    }));
                }
                start.countDown();
                int added = 0;
                for (Future<Boolean> f : results) {
                    if (f.get(10, TimeUnit.SECONDS)) {
                        added++;
                    }
                }
                assertThat(added).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
