package com.autotrader.market;

import com.autotrader.support.MutableClock;
import com.autotrader.api.UpstreamException;
import com.autotrader.support.TestServers;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class KisTokensTest {

    private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
    private static final Duration LOCK_WAIT = Duration.ofSeconds(20);


    /** Stands in for Camel's ProducerTemplate: answers direct:issue-kis-token with tokens from a supplier. */
    static final class Issuer {
        final AtomicInteger calls = new AtomicInteger();
        final List<String> endpoints = new CopyOnWriteArrayList<>();
        final ProducerTemplate producer;

        Issuer(Supplier<KisAccessToken> next, long sleepMillis) {
            producer = (ProducerTemplate) Proxy.newProxyInstance(ProducerTemplate.class.getClassLoader(),
                    new Class<?>[]{ProducerTemplate.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "toString":
                                return "Issuer proxy";
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "equals":
                                return proxy == args[0];
                            default:
                                break;
                        }
                        if (method.getName().equals("requestBody") && args != null && args.length == 3
                                && method.getParameterTypes()[0] == String.class
                                && method.getParameterTypes()[2] == Class.class) {
                            assertThat(args[2]).isEqualTo(KisAccessToken.class);
                            endpoints.add((String) args[0]);
                            calls.incrementAndGet();
                            if (sleepMillis > 0) {
                                Thread.sleep(sleepMillis); // widens the race window, asserts nothing
                            }
                            return next.get();
                        }
                        throw new UnsupportedOperationException(method.toString());
                    });
        }

        /** Issues tok-1, tok-2, … each valid for {@code life} from the clock's now. */
        static Issuer counting(String prefix, Clock clock, Duration life, long sleepMillis) {
            AtomicInteger n = new AtomicInteger();
            return new Issuer(() -> new KisAccessToken(prefix + n.incrementAndGet(), clock.instant().plus(life)),
                    sleepMillis);
        }
    }

    private static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Nested
    class InProcess {

        private final MutableClock clock = new MutableClock(T0);
        private final Issuer issuer = Issuer.counting("tok-", clock, Duration.ofHours(1), 0);
        private final KisTokens tokens = new KisTokens(null, issuer.producer, true, LOCK_WAIT, clock);

        @Test
        void notConfiguredRefusesWithoutCallingKis() {
            KisTokens off = new KisTokens(null, issuer.producer, false, LOCK_WAIT, clock);

            UpstreamException e = catchThrowableOfType(UpstreamException.class, off::token);

            assertThat(e).isNotNull();
            assertThat(e.service()).isEqualTo("kis");
            assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("KIS_APP_KEY");
            assertThat(issuer.calls).hasValue(0);
            assertThat(catchThrowableOfType(UpstreamException.class, off::bearer)).isNotNull();
        }

        @Test
        void firstTokenIsIssuedOnceAndThenReused() {
            KisAccessToken first = tokens.token();

            assertThat(first.value()).isEqualTo("tok-1");
            assertThat(tokens.token()).isSameAs(first);
            assertThat(tokens.token()).isSameAs(first);
            assertThat(issuer.calls).hasValue(1);
            assertThat(tokens.issued()).isEqualTo(1);
            assertThat(issuer.endpoints).containsExactly("direct:issue-kis-token");
        }

        @Test
        void tokenIsRenewedTenMinutesBeforeItExpires() {
            assertThat(tokens.token().value()).isEqualTo("tok-1");   // expires T0 + 60 min

            clock.advance(Duration.ofMinutes(50).minusSeconds(1));
            assertThat(tokens.token().value()).isEqualTo("tok-1");
            assertThat(issuer.calls).hasValue(1);

            clock.advance(Duration.ofSeconds(1));                    // exactly 10 minutes left
            assertThat(tokens.token().value()).isEqualTo("tok-2");
            assertThat(issuer.calls).hasValue(2);
            assertThat(tokens.issued()).isEqualTo(2);
        }

        @Test
        void invalidatingTheCurrentTokenIssuesANewOne() {
            String first = tokens.token().value();

            tokens.invalidate(first);

            assertThat(tokens.token().value()).isEqualTo("tok-2");
            assertThat(issuer.calls).hasValue(2);
        }

        @Test
        void invalidatingAnotherValueKeepsTheCurrentToken() {
            tokens.token();
            tokens.invalidate("tok-1");
            assertThat(tokens.token().value()).isEqualTo("tok-2");

            tokens.invalidate("tok-1");   // a late rejection of the old token
            tokens.invalidate("something-else");

            assertThat(tokens.token().value()).isEqualTo("tok-2");
            assertThat(issuer.calls).hasValue(2);
        }

        @Test
        void invalidateBeforeAnyTokenIsHarmless() {
            tokens.invalidate("tok-1");

            assertThat(tokens.token().value()).isEqualTo("tok-1");
            assertThat(issuer.calls).hasValue(1);
        }

        @Test
        void bearerIsTheHeaderValue() {
            assertThat(tokens.bearer()).isEqualTo("Bearer tok-1");
            assertThat(tokens.bearer()).isEqualTo("Bearer tok-1");
            assertThat(issuer.calls).hasValue(1);
        }

        @Test
        void routeFailureReachesTheCallerUnwrapped() {
            UpstreamException refused = new UpstreamException("kis", UpstreamException.Kind.UNAVAILABLE, "refused");
            Issuer failing = new Issuer(() -> {
                throw new CamelExecutionException("route failed", null, refused);
            }, 0);
            KisTokens t = new KisTokens(null, failing.producer, true, LOCK_WAIT, clock);

            Throwable e = catchThrowableOfType(UpstreamException.class, t::token);

            assertThat(e).isSameAs(refused);
            assertThat(t.issued()).isZero();
        }

        @Test
        void eightThreadsAtOnceCauseOneIssue() throws Exception {
            Issuer slow = Issuer.counting("tok-", clock, Duration.ofHours(1), 200);
            KisTokens fresh = new KisTokens(null, slow.producer, true, LOCK_WAIT, clock);

            List<String> values = concurrently(8, () -> fresh.token().value());

            assertThat(values).hasSize(8).containsOnly("tok-1");
            assertThat(slow.calls).hasValue(1);
            assertThat(fresh.issued()).isEqualTo(1);
        }
    }

    @Nested
    class Encoding {

        @Test
        void encodeDecodeRoundTrip() {
            KisAccessToken token = new KisAccessToken("eyJ0eXAi.abc-def_123", Instant.parse("2026-11-26T01:02:03.456Z"));

            String stored = KisTokens.encode(token);

            assertThat(stored).isEqualTo("eyJ0eXAi.abc-def_123|" + token.expiresAt().toEpochMilli());
            assertThat(KisTokens.decode(stored)).isEqualTo(token);
        }

        @Test
        void decodeUsesTheLastBar() {
            KisAccessToken token = new KisAccessToken("a|b", Instant.ofEpochMilli(1_800_000_000_000L));

            assertThat(KisTokens.decode(KisTokens.encode(token))).isEqualTo(token);
        }

        @Test
        void decodeOfGarbageIsNull() {
            assertThat(KisTokens.decode(null)).isNull();
            assertThat(KisTokens.decode("")).isNull();
            assertThat(KisTokens.decode("no-bar-here")).isNull();
            assertThat(KisTokens.decode("tok|")).isNull();
            assertThat(KisTokens.decode("tok|soon")).isNull();
            assertThat(KisTokens.decode("tok|99999999999999999999999")).isNull();
        }

        @Test
        void decodeOfAnEmptyValueIsNull() {
            assertThat(KisTokens.decode("|1800000000000")).isNull();
        }
    }

    @Nested
    class SharedThroughRedis {

        private JedisConnectionFactory factory;
        private StringRedisTemplate redis;

        @BeforeEach
        void connect() {
            int port = URI.create(TestServers.redisUrl()).getPort();
            factory = new JedisConnectionFactory(new RedisStandaloneConfiguration("localhost", port));
            factory.afterPropertiesSet();
            if (!factory.isRunning()) {
                factory.start();
            }
            redis = new StringRedisTemplate(factory);
            redis.afterPropertiesSet();
            redis.delete(List.of(KisTokens.KEY, KisTokens.LOCK));
        }

        @AfterEach
        void disconnect() {
            if (redis != null) {
                redis.delete(List.of(KisTokens.KEY, KisTokens.LOCK));
            }
            if (factory != null) {
                factory.destroy();
            }
        }

        private KisTokens tokens(Issuer issuer) {
            return new KisTokens(redis, issuer.producer, true, LOCK_WAIT, Clock.systemUTC());
        }

        @Test
        void twoInstancesAtOnceCauseOneIssueAndShareTheToken() throws Exception {
            Clock clock = Clock.systemUTC();
            Issuer first = Issuer.counting("a-", clock, Duration.ofHours(1), 200);
            Issuer second = Issuer.counting("b-", clock, Duration.ofHours(1), 200);
            KisTokens a = tokens(first);
            KisTokens b = tokens(second);

            List<String> values = concurrently(2, new Callable<>() {
                private final AtomicInteger turn = new AtomicInteger();

                @Override
                public String call() {
                    return (turn.getAndIncrement() == 0 ? a : b).token().value();
                }
            });

            assertThat(first.calls.get() + second.calls.get()).isEqualTo(1);
            assertThat(a.issued() + b.issued()).isEqualTo(1);
            assertThat(values.get(0)).isEqualTo(values.get(1)).isIn("a-1", "b-1");
            KisAccessToken stored = KisTokens.decode(redis.opsForValue().get(KisTokens.KEY));
            assertThat(stored).isNotNull();
            assertThat(stored.value()).isEqualTo(values.get(0));
            assertThat(redis.hasKey(KisTokens.LOCK)).isFalse();
        }

        @Test
        void secondInstanceReusesTheSharedToken() {
            Issuer first = Issuer.counting("a-", Clock.systemUTC(), Duration.ofHours(1), 0);
            Issuer second = Issuer.counting("b-", Clock.systemUTC(), Duration.ofHours(1), 0);

            String value = tokens(first).token().value();

            assertThat(tokens(second).token().value()).isEqualTo(value).isEqualTo("a-1");
            assertThat(second.calls).hasValue(0);
            Long ttl = redis.getExpire(KisTokens.KEY, TimeUnit.SECONDS);
            assertThat(ttl).isBetween(3000L, 3600L);
        }

        @Test
        void invalidateDropsTheRejectedTokenFromRedis() {
            Issuer first = Issuer.counting("a-", Clock.systemUTC(), Duration.ofHours(1), 0);
            Issuer second = Issuer.counting("b-", Clock.systemUTC(), Duration.ofHours(1), 0);
            KisTokens a = tokens(first);
            KisTokens b = tokens(second);
            assertThat(a.token().value()).isEqualTo("a-1");

            b.invalidate("a-1");

            assertThat(redis.hasKey(KisTokens.KEY)).isFalse();
            assertThat(b.token().value()).isEqualTo("b-1");
            assertThat(second.calls).hasValue(1);
        }

        @Test
        void invalidateKeepsAReplacementAnotherInstanceStored() {
            Issuer first = Issuer.counting("a-", Clock.systemUTC(), Duration.ofHours(1), 0);
            KisTokens a = tokens(first);
            assertThat(a.token().value()).isEqualTo("a-1");
            KisAccessToken replacement = new KisAccessToken("c-9", Instant.now().plus(Duration.ofHours(2)));
            redis.opsForValue().set(KisTokens.KEY, KisTokens.encode(replacement));

            a.invalidate("a-1");

            assertThat(redis.opsForValue().get(KisTokens.KEY)).isEqualTo(KisTokens.encode(replacement));
            assertThat(a.token().value()).isEqualTo("c-9");
            assertThat(first.calls).hasValue(1);
        }

        @Test
        void invalidateOfAPrefixOfTheStoredValueKeepsIt() {
            KisAccessToken stored = new KisAccessToken("abc123", Instant.now().plus(Duration.ofHours(1)));
            redis.opsForValue().set(KisTokens.KEY, KisTokens.encode(stored));
            KisTokens a = tokens(Issuer.counting("a-", Clock.systemUTC(), Duration.ofHours(1), 0));

            a.invalidate("abc");

            assertThat(redis.opsForValue().get(KisTokens.KEY)).isEqualTo(KisTokens.encode(stored));
        }
    }
}
