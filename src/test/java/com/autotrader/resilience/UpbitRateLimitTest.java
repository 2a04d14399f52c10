package com.autotrader.resilience;

import com.autotrader.support.MutableClock;
import com.autotrader.support.TestServers;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class UpbitRateLimitTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T00:00:00.300Z"));

    UpbitRateLimit local(int limit, long windowMillis) {
        return new UpbitRateLimit(null, limit, Duration.ofMillis(windowMillis), 3, Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(30), clock);
    }

    @Test
    void groupsComeFromTheQuotationPath() {
        assertThat(UpbitRateLimit.group("/v1/candles/minutes/5")).isEqualTo("candles");
        assertThat(UpbitRateLimit.group("/v1/candles/days")).isEqualTo("candles");
        assertThat(UpbitRateLimit.group("/v1/ticker")).isEqualTo("ticker");
        assertThat(UpbitRateLimit.group("/v1/market/all")).isEqualTo("market");
    }

    @Test
    void theFirstCallsOfAWindowGoAtOnceAndTheNextWaitForTheirSlot() {
        UpbitRateLimit limit = local(3, 1000);
        assertThat(List.of(limit.reserve("/v1/candles/days"), limit.reserve("/v1/candles/minutes/1"),
                limit.reserve("/v1/candles/minutes/5"))).containsOnly(0L);
        // the 4th..6th go one window after the 1st..3rd; the 7th one window after the 4th
        assertThat(limit.reserve("/v1/candles/days")).isEqualTo(1000);
        assertThat(limit.reserve("/v1/candles/days")).isEqualTo(1000);
        assertThat(limit.reserve("/v1/candles/days")).isEqualTo(1000);
        assertThat(limit.reserve("/v1/candles/days")).isEqualTo(2000);
        // other groups have their own slots
        assertThat(limit.reserve("/v1/ticker")).isZero();
    }

    @Test
    void slotsFreeUpAsTheWindowMovesOn() {
        UpbitRateLimit limit = local(2, 1000);
        limit.reserve("/v1/ticker");
        clock.advance(Duration.ofMillis(400));
        limit.reserve("/v1/ticker");
        assertThat(limit.reserve("/v1/ticker")).isEqualTo(600);   // one window after the first
        clock.advance(Duration.ofMillis(2000));
        assertThat(limit.reserve("/v1/ticker")).isZero();
    }

    @Test
    void noWindowEverHoldsMoreThanTheLimitWhateverTheArrivalPattern() {
        UpbitRateLimit limit = local(10, 1050);
        List<Long> sent = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            clock.advance(Duration.ofMillis(random.nextInt(120)));
            sent.add(clock.millis() + limit.reserve("/v1/candles/days"));
        }
        assertNoWindowOverLimit(sent, 10, 1050);
    }

    @Test
    void upbitSayingAGroupIsSpentMakesTheNextCallWaitForTheNextSecond() {
        UpbitRateLimit limit = local(10, 1000);
        limit.observe("group=candles; min=1800; sec=0");
        assertThat(limit.reserve("/v1/candles/days")).isEqualTo(700);
        assertThat(limit.reserve("/v1/ticker")).isZero();
        limit.observe("group=ticker; min=1800; sec=9");
        limit.observe(null);
        limit.observe("garbage");
        assertThat(limit.reserve("/v1/ticker")).isZero();
    }

    @Test
    void aRetryAfterIsWaitedAndALongOneEndsTheCall() {
        UpbitRateLimit limit = local(10, 1000);
        var attempts = limit.attempts();
        limit.answered(attempts, 429, "group=candles; min=1800; sec=0", "3");
        assertThat(attempts.pending()).isTrue();
        assertThat(attempts.waitMillis()).isEqualTo(3000);
        limit.answered(attempts, 429, null, "30");
        assertThat(attempts.pending()).isFalse();
    }

    @Test
    void instancesSharingRedisShareTheSlots() throws Exception {
        URI uri = URI.create(TestServers.redisUrl());
        JedisConnectionFactory factory = new JedisConnectionFactory(
                new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
        factory.afterPropertiesSet();
        factory.start();
        try {
            StringRedisTemplate redis = new StringRedisTemplate(factory);
            redis.delete(List.of("auto-trader:upbit:slots:trades", "auto-trader:upbit:slots:orderbook"));
            // two "instances" with their own in-process state, one Redis
            UpbitRateLimit a = shared(redis);
            UpbitRateLimit b = shared(redis);
            List<Long> sent = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            // connections opened beforehand: the first connect's latency would otherwise blur the timings
            List<Future<?>> warmUp = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                UpbitRateLimit instance = i % 2 == 0 ? a : b;
                warmUp.add(pool.submit(() -> instance.reserve("/v1/orderbook")));
            }
            for (Future<?> f : warmUp) {
                f.get();
            }
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                UpbitRateLimit instance = i % 2 == 0 ? a : b;
                // the caller sends once the wait it was given is over
                calls.add(pool.submit(() -> {
                    long wait = instance.reserve("/v1/trades/ticks");
                    sent.add(System.currentTimeMillis() + wait);
                }));
            }
            for (Future<?> f : calls) {
                f.get();
            }
            pool.shutdown();
            // 40 calls at 10 per 200 ms window: the last goes three windows after the first
            long span = Collections.max(sent) - Collections.min(sent);
            assertThat(span).isBetween(3 * 200L - 50, 3 * 200L + 150);
            assertNoWindowOverLimit(sent, 10, 200 - 20);   // slack for the two clocks (Redis's and ours)
        } finally {
            factory.destroy();
        }
    }

    private static UpbitRateLimit shared(StringRedisTemplate redis) {
        return new UpbitRateLimit(redis, 10, Duration.ofMillis(200), 3, Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(30), java.time.Clock.systemUTC());
    }

    private static void assertNoWindowOverLimit(List<Long> sendTimes, int limit, long window) {
        List<Long> sorted = new ArrayList<>(sendTimes);
        Collections.sort(sorted);
        for (int i = limit; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - limit))
                    .as("calls %d and %d are a window apart", i - limit, i).isGreaterThanOrEqualTo(window);
        }
    }
}
