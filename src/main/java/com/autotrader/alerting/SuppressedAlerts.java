package com.autotrader.alerting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The duplicates the dedupe window held back, per fingerprint, by the time each failure happened. The next
 * alert of that failure takes those that happened before it ("N identical alerts since HH:mm"): a duplicate
 * that happens a moment after a new alert belongs to that alert's window, whatever order the background
 * threads process them in. Shared through Redis when configured (instances share the window, so they share
 * the count), in-process otherwise or while Redis fails.
 */
public class SuppressedAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(SuppressedAlerts.class);
    private static final String PREFIX = "auto-trader:alerts:suppressed:";
    /** Entries outlive any sane window, then expire so a fixed failure leaves nothing behind. */
    private static final Duration KEEP = Duration.ofDays(7);

    /** What was held back: how many, and since when. */
    public record Held(long count, Instant since) {
        static final Held NONE = new Held(0, null);
    }

    private final StringRedisTemplate redis;
    /** fingerprint → (time in nanos since epoch, made unique) → occurrence */
    private final Map<String, ConcurrentSkipListMap<Long, Boolean>> local = new ConcurrentHashMap<>();

    public SuppressedAlerts(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public void count(String fingerprint, Instant occurredAt) {
        if (redis != null) {
            try {
                String key = PREFIX + fingerprint;
                redis.opsForZSet().add(key, UUID.randomUUID().toString(), occurredAt.toEpochMilli());
                redis.expire(key, KEEP);
                return;
            } catch (RuntimeException e) {
                LOG.warn("Redis unavailable for held-back alert counts; counting in-process");
            }
        }
        ConcurrentSkipListMap<Long, Boolean> times = local.computeIfAbsent(fingerprint, f -> new ConcurrentSkipListMap<>());
        long t = occurredAt.toEpochMilli() * 1_000_000L;
        while (times.putIfAbsent(t, Boolean.TRUE) != null) {
            t++;   // same millisecond: keep both
        }
    }

    /** Takes (and forgets) the duplicates that happened before {@code before}. */
    public Held take(String fingerprint, Instant before) {
        Held held = takeLocal(fingerprint, before);
        if (redis != null) {
            try {
                String key = PREFIX + fingerprint;
                double upTo = before.toEpochMilli() - 0.5;   // strictly before this alert
                Set<ZSetOperations.TypedTuple<String>> first = redis.opsForZSet().rangeByScoreWithScores(key,
                        Double.NEGATIVE_INFINITY, upTo, 0, 1);
                long count = redis.opsForZSet().removeRangeByScore(key, Double.NEGATIVE_INFINITY, upTo);
                if (count > 0) {
                    Instant since = first == null || first.isEmpty() ? null
                            : Instant.ofEpochMilli(first.iterator().next().getScore().longValue());
                    return merge(held, new Held(count, since));
                }
            } catch (RuntimeException e) {
                LOG.warn("Redis unavailable for held-back alert counts; using the in-process count");
            }
        }
        return held;
    }

    private Held takeLocal(String fingerprint, Instant before) {
        ConcurrentSkipListMap<Long, Boolean> times = local.get(fingerprint);
        if (times == null) {
            return Held.NONE;
        }
        var earlier = times.headMap(before.toEpochMilli() * 1_000_000L);
        if (earlier.isEmpty()) {
            return Held.NONE;
        }
        Instant since = Instant.ofEpochMilli(earlier.firstKey() / 1_000_000L);
        long count = 0;
        while (!earlier.isEmpty()) {
            if (earlier.pollFirstEntry() != null) {
                count++;
            }
        }
        return new Held(count, since);
    }

    private static Held merge(Held a, Held b) {
        if (a.count() == 0) {
            return b;
        }
        Instant since = a.since().isBefore(b.since() == null ? a.since() : b.since()) ? a.since() : b.since();
        return new Held(a.count() + b.count(), since);
    }
}
