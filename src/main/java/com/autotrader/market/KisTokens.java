package com.autotrader.market;

import com.autotrader.api.UpstreamException;
import com.autotrader.alerting.AlertFactory;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The KIS access token: issued about once a day (KIS allows about one issue a minute), kept in Redis when
 * REDIS_URL is set so every instance uses the same one, and issued under a lock (in-process, and in Redis
 * across instances) so that several callers at once still cause one issue. A token KIS rejects
 * (EGW00121 / EGW00123) is dropped with {@link #invalidate(String)}; the next caller issues a new one.
 */
@Component
public class KisTokens {

    static final String KEY = "auto-trader:kis:access-token";
    static final String LOCK = "auto-trader:kis:access-token:lock";
    private static final Logger LOG = LoggerFactory.getLogger(KisTokens.class);
    /** Renewed this long before KIS says it expires. */
    private static final Duration MARGIN = Duration.ofMinutes(10);
    private static final Duration LOCK_TTL = Duration.ofSeconds(30);
    private static final DefaultRedisScript<Long> DELETE_IF_EQUAL = new DefaultRedisScript<>(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
            Long.class);

    private final StringRedisTemplate redis;
    private final ProducerTemplate producer;
    private final Clock clock;
    private final boolean configured;
    private final Duration lockWait;
    private final ReentrantLock local = new ReentrantLock();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile KisAccessToken cached;

    @Autowired
    public KisTokens(ObjectProvider<StringRedisTemplate> redis, ProducerTemplate producer,
                     @Value("${kis.app-key:}") String appKey, @Value("${kis.app-secret:}") String appSecret,
                     @Value("${kis.token-lock-wait:20s}") Duration lockWait) {
        this(redis.getIfAvailable(), producer, !appKey.isBlank() && !appSecret.isBlank(), lockWait, Clock.systemUTC());
    }

    KisTokens(StringRedisTemplate redis, ProducerTemplate producer, boolean configured, Duration lockWait, Clock clock) {
        this.redis = redis;
        this.producer = producer;
        this.configured = configured;
        this.lockWait = lockWait;
        this.clock = clock;
    }

    /** The value of the Authorization header. */
    public String bearer() {
        return "Bearer " + token().value();
    }

    /** How many tokens this instance issued (a test and the log read it). */
    public int issued() {
        return issued.get();
    }

    public KisAccessToken token() {
        if (!configured) {
            throw new UpstreamException("kis", UpstreamException.Kind.UNAVAILABLE,
                    "KIS_APP_KEY and KIS_APP_SECRET are not set: KIS cannot be called");
        }
        KisAccessToken token = cached;
        if (valid(token)) {
            return token;
        }
        local.lock();
        try {
            token = cached;
            if (valid(token)) {
                return token;
            }
            token = shared();
            if (valid(token)) {
                cached = token;
                return token;
            }
            String owner = UUID.randomUUID().toString();
            boolean locked = lockShared(owner);
            try {
                token = shared();   // another instance may have issued while this one waited
                if (valid(token)) {
                    cached = token;
                    return token;
                }
                token = issue();
                issued.incrementAndGet();
                share(token);
                cached = token;
                LOG.info("KIS access token issued, valid until {}", token.expiresAt());
                return token;
            } finally {
                if (locked) {
                    unlockShared(owner);
                }
            }
        } finally {
            local.unlock();
        }
    }

    private KisAccessToken issue() {
        try {
            return producer.requestBody("direct:issue-kis-token", null, KisAccessToken.class);
        } catch (CamelExecutionException e) {
            // the route's own error (KIS refused, unreachable) is what the caller should see
            Throwable cause = AlertFactory.unwrap(e);
            throw cause instanceof RuntimeException r ? r : e;
        }
    }

    /** Drops a token KIS rejected, here and in Redis (unless another instance already replaced it). */
    public void invalidate(String rejected) {
        KisAccessToken token = cached;
        if (token != null && token.value().equals(rejected)) {
            cached = null;
        }
        if (redis != null) {
            try {
                String stored = redis.opsForValue().get(KEY);
                if (stored != null && stored.startsWith(rejected + "|")) {
                    redis.execute(DELETE_IF_EQUAL, List.of(KEY), stored);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not drop the rejected KIS token from Redis: {}", e.getClass().getSimpleName());
            }
        }
        LOG.info("KIS rejected the access token; a new one will be issued");
    }

    private boolean valid(KisAccessToken token) {
        return token != null && token.expiresAt().isAfter(clock.instant().plus(MARGIN));
    }

    private KisAccessToken shared() {
        if (redis == null) {
            return null;
        }
        try {
            return decode(redis.opsForValue().get(KEY));
        } catch (RuntimeException e) {
            LOG.warn("Redis unavailable for the KIS token ({}): using this instance's own", e.getClass().getSimpleName());
            return null;
        }
    }

    private void share(KisAccessToken token) {
        if (redis == null) {
            return;
        }
        Duration ttl = Duration.between(clock.instant(), token.expiresAt());
        if (ttl.isNegative() || ttl.isZero()) {
            return;
        }
        try {
            redis.opsForValue().set(KEY, encode(token), ttl);
        } catch (RuntimeException e) {
            LOG.warn("Could not share the KIS token in Redis: {}", e.getClass().getSimpleName());
        }
    }

    /** Waits for the cross-instance lock; false (and on without it) when Redis is absent or down. */
    private boolean lockShared(String owner) {
        if (redis == null) {
            return false;
        }
        Instant deadline = clock.instant().plus(lockWait);
        try {
            while (true) {
                if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(LOCK, owner, LOCK_TTL))) {
                    return true;
                }
                if (valid(shared()) || clock.instant().isAfter(deadline)) {
                    return false;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            LOG.warn("Redis lock for the KIS token unavailable ({}): issuing without it", e.getClass().getSimpleName());
            return false;
        }
    }

    private void unlockShared(String owner) {
        try {
            redis.execute(DELETE_IF_EQUAL, List.of(LOCK), owner);
        } catch (RuntimeException e) {
            // the lock expires by itself
        }
    }

    static String encode(KisAccessToken token) {
        return token.value() + "|" + token.expiresAt().toEpochMilli();
    }

    static KisAccessToken decode(String stored) {
        if (stored == null || !stored.contains("|")) {
            return null;
        }
        int bar = stored.lastIndexOf('|');
        try {
            return new KisAccessToken(stored.substring(0, bar), Instant.ofEpochMilli(Long.parseLong(stored.substring(bar + 1))));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
