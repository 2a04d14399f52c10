package com.autotrader.alerting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the duplicates the dedupe window held back, per fingerprint, so the next alert of that failure
 * can say "N identical alerts since HH:mm". Shared through Redis when configured (instances share the
 * window, so they share the count), in-process otherwise or while Redis fails.
 */
public class SuppressedAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(SuppressedAlerts.class);
    private static final String PREFIX = "auto-trader:alerts:suppressed:";
    /** Counts outlive any sane window, then expire so a fixed failure leaves nothing behind. */
    private static final Duration KEEP = Duration.ofDays(7);

    /** What was held back: how many, and since when. */
    public record Held(long count, Instant since) {
        static final Held NONE = new Held(0, null);
    }

    private final StringRedisTemplate redis;
    private final Clock clock;
    private final Map<String, Held> local = new ConcurrentHashMap<>();

    public SuppressedAlerts(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    public void count(String fingerprint) {
        Instant now = clock.instant();
        if (redis != null) {
            try {
                redis.opsForValue().increment(PREFIX + fingerprint + ":count");
                redis.expire(PREFIX + fingerprint + ":count", KEEP);
                redis.opsForValue().setIfAbsent(PREFIX + fingerprint + ":since", String.valueOf(now.toEpochMilli()), KEEP);
                return;
            } catch (RuntimeException e) {
                LOG.warn("Redis unavailable for suppressed-alert counts; counting in-process");
            }
        }
        local.merge(fingerprint, new Held(1, now), (a, b) -> new Held(a.count() + 1, a.since()));
    }

    /** Returns and resets what was held back for the fingerprint. */
    public Held take(String fingerprint) {
        Held held = local.remove(fingerprint);
        if (redis != null) {
            try {
                String count = redis.opsForValue().getAndDelete(PREFIX + fingerprint + ":count");
                String since = redis.opsForValue().getAndDelete(PREFIX + fingerprint + ":since");
                if (count != null) {
                    long total = Long.parseLong(count) + (held == null ? 0 : held.count());
                    Instant from = since == null ? null : Instant.ofEpochMilli(Long.parseLong(since));
                    if (held != null && held.since() != null && (from == null || held.since().isBefore(from))) {
                        from = held.since();
                    }
                    return new Held(total, from);
                }
            } catch (RuntimeException e) {
                LOG.warn("Redis unavailable for suppressed-alert counts; using the in-process count");
            }
        }
        return held == null ? Held.NONE : held;
    }
}
