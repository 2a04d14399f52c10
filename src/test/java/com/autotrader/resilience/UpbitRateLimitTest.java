package com.autotrader.resilience;

import com.autotrader.support.MutableClock;
import com.autotrader.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

    /** The embedded Redis, one connection pool for the class. */
    static JedisConnectionFactory factory;

    @BeforeAll
    static void redis() {
        URI uri = URI.create(TestServers.redisUrl());
        factory = new JedisConnectionFactory(new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
        factory.afterPropertiesSet();
        factory.start();
    }

    @AfterAll
    static void closeRedis() {
        factory.destroy();
    }

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T00:00:00.300Z"));

    UpbitRateLimit local(int limit, long windowMillis) {
        return new UpbitRateLimit(null, limit, Duration.ofMillis(windowMillis), 3, Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(30), clock);
    }

    long wait(UpbitRateLimit.Slot slot) {
        return slot.due() - clock.millis();
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
        assertThat(List.of(wait(limit.reserve("/v1/candles/days")), wait(limit.reserve("/v1/candles/minutes/1")),
                wait(limit.reserve("/v1/candles/minutes/5")))).containsOnly(0L);
        // the 4th..6th go one window after the 1st..3rd; the 7th one window after the 4th
        assertThat(wait(limit.reserve("/v1/candles/days"))).isEqualTo(1000);
        assertThat(wait(limit.reserve("/v1/candles/days"))).isEqualTo(1000);
        assertThat(wait(limit.reserve("/v1/candles/days"))).isEqualTo(1000);
        assertThat(wait(limit.reserve("/v1/candles/days"))).isEqualTo(2000);
        // other groups have their own slots
        assertThat(wait(limit.reserve("/v1/ticker"))).isZero();
    }

    @Test
    void slotsFreeUpAsTheWindowMovesOn() {
        UpbitRateLimit limit = local(2, 1000);
        wait(limit.reserve("/v1/ticker"));
        clock.advance(Duration.ofMillis(400));
        wait(limit.reserve("/v1/ticker"));
        assertThat(wait(limit.reserve("/v1/ticker"))).isEqualTo(600);   // one window after the first
        clock.advance(Duration.ofMillis(2000));
        assertThat(wait(limit.reserve("/v1/ticker"))).isZero();
    }

    @Test
    void noWindowEverHoldsMoreThanTheLimitWhateverTheArrivalPattern() {
        UpbitRateLimit limit = local(10, 1050);
        List<Long> sent = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            clock.advance(Duration.ofMillis(random.nextInt(120)));
            sent.add(limit.reserve("/v1/candles/days").due());
        }
        assertNoWindowOverLimit(sent, 10, 1050);
    }

    @Test
    void aCallAnsweredLateCountsFromItsAnswerNotItsSlot() {
        UpbitRateLimit limit = local(2, 1000);
        UpbitRateLimit.Slot first = limit.reserve("/v1/ticker");
        UpbitRateLimit.Slot second = limit.reserve("/v1/ticker");
        // both left late (a cold endpoint): answered 500 ms after their slots
        clock.advance(Duration.ofMillis(500));
        limit.sent(first);
        limit.sent(second);
        // the next call goes a window after the answers, not after the slots
        assertThat(wait(limit.reserve("/v1/ticker"))).isEqualTo(1000);
    }

    @Test
    void aSharedSlotAnsweredLateMovesInRedisToo() throws Exception {
        StringRedisTemplate redis = new StringRedisTemplate(factory);
        redis.delete("auto-trader:upbit:slots:orderbook");
        UpbitRateLimit a = shared(redis, 1, 300);
        UpbitRateLimit b = shared(redis, 1, 300);
        UpbitRateLimit.Slot slot = a.reserve("/v1/orderbook");
        Thread.sleep(200);
        a.sent(slot);   // answered 200 ms after its slot
        long asked = System.currentTimeMillis();
        // the other instance's call waits a window after a's answer: about 300 ms, not 100
        assertThat(b.reserve("/v1/orderbook").due() - asked).isBetween(250L, 320L);
    }

    @Test
    void upbitSayingAGroupIsSpentMakesTheNextCallWaitForTheNextSecond() {
        UpbitRateLimit limit = local(10, 1000);
        limit.observe("group=candles; min=1800; sec=0");
        assertThat(wait(limit.reserve("/v1/candles/days"))).isEqualTo(700);
        assertThat(wait(limit.reserve("/v1/ticker"))).isZero();
        limit.observe("group=ticker; min=1800; sec=9");
        limit.observe(null);
        limit.observe("garbage");
        assertThat(wait(limit.reserve("/v1/ticker"))).isZero();
    }

    @Test
    void aRetryAfterIsWaitedAndALongOneEndsTheCall() {
        UpbitRateLimit limit = local(10, 1000);
        var attempts = limit.attempts();
        limit.answered(limit.reserve("/v1/candles/days"), attempts, 429, "group=candles; min=1800; sec=0", "3");
        assertThat(attempts.pending()).isTrue();
        assertThat(attempts.waitMillis()).isEqualTo(3000);
        limit.answered(limit.reserve("/v1/candles/days"), attempts, 429, null, "30");
        assertThat(attempts.pending()).isFalse();
    }

    @Test
    void instancesSharingRedisShareTheSlots() throws Exception {
        StringRedisTemplate redis = new StringRedisTemplate(factory);
        redis.delete(List.of("auto-trader:upbit:slots:trades", "auto-trader:upbit:slots:orderbook"));
        // two "instances" with their own in-process state, one Redis
        UpbitRateLimit a = shared(redis, 10, 200);
        UpbitRateLimit b = shared(redis, 10, 200);
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
                sent.add(instance.reserve("/v1/trades/ticks").due());
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
    }

    /** An "instance" counting its slots in Redis, on the real clock. */
    private static UpbitRateLimit shared(StringRedisTemplate redis, int limit, long windowMillis) {
        return new UpbitRateLimit(redis, limit, Duration.ofMillis(windowMillis), 3, Duration.ofSeconds(1),
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
