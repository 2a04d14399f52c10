package com.autotrader.resilience;

import com.autotrader.api.UpstreamAttempts;
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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upbit's quotation limit: so many calls a second per group (candles, ticker, market, orderbook, trades) and IP.
 * Every call first reserves a slot in its group and waits until the slot's time comes: the n-th call of a group
 * goes no sooner than one window after the call {@code limit} places before it, so no window ever holds more
 * than {@code limit} calls. The slots live in Redis when REDIS_URL is set (every instance behind one IP shares
 * them, Redis's own clock keeps the time), else in this process; while Redis is unreachable each instance keeps
 * its own for a while.
 * <p>
 * Upbit's answers also say what is left ({@code Remaining-Req: group=candles; min=1800; sec=0}): when a group
 * has nothing left in this second (someone else on the IP spends it too), its next call waits for the next one.
 */
@Component
public class UpbitRateLimit {

    private static final Logger LOG = LoggerFactory.getLogger(UpbitRateLimit.class);
    private static final Pattern HEADER = Pattern.compile("group=([a-z\\-]+).*?sec=(\\d+)");
    private static final String KEY = "auto-trader:upbit:slots:";
    private static final long LATE_TOLERANCE_MILLIS = 20;
    private static final int MAX_RESERVATIONS = 5;
    /**
     * KEYS[1] the group's slots (a sorted set, score = slot time); ARGV: limit, window ms, a unique member.
     * Returns how long the caller waits for its slot. Older slots than one window can no longer matter.
     */
    private static final DefaultRedisScript<Long> RESERVE = new DefaultRedisScript<>("""
            redis.replicate_commands()
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local limit = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - window))
            local count = redis.call('ZCARD', KEYS[1])
            local slot = now
            if count >= limit then
              local bound = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
              slot = math.max(now, tonumber(bound[2]) + window)
            end
            redis.call('ZADD', KEYS[1], slot, ARGV[3])
            redis.call('PEXPIRE', KEYS[1], slot - now + window)
            return slot - now
            """, Long.class);

    private final StringRedisTemplate redis;
    private final int limit;
    private final long windowMillis;
    private final Duration redisRetry;
    private final Clock clock;
    private final Map<String, Deque<Long>> localSlots = new ConcurrentHashMap<>();
    /** group → the epoch millisecond before which Upbit said it must not be called. */
    private final Map<String, Long> spentUntil = new ConcurrentHashMap<>();
    private volatile long redisDownUntil;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration maxRetryWait;

    @Autowired
    public UpbitRateLimit(ObjectProvider<StringRedisTemplate> redis,
                          @Value("${upbit.calls-per-second:10}") int limit,
                          @Value("${upbit.rate-window:1050ms}") Duration window,
                          @Value("${upbit.max-attempts:3}") int maxAttempts,
                          @Value("${upbit.retry-backoff:1s}") Duration backoff,
                          @Value("${upbit.max-retry-wait:10s}") Duration maxRetryWait,
                          @Value("${error-reporting.redis-retry:30s}") Duration redisRetry) {
        this(redis.getIfAvailable(), limit, window, maxAttempts, backoff, maxRetryWait, redisRetry, Clock.systemUTC());
    }

    UpbitRateLimit(StringRedisTemplate redis, int limit, Duration window, int maxAttempts, Duration backoff,
                   Duration maxRetryWait, Duration redisRetry, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("upbit.calls-per-second must be at least 1, was " + limit);
        }
        this.redis = redis;
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.maxRetryWait = maxRetryWait;
        this.redisRetry = redisRetry;
        this.clock = clock;
    }

    /** The rate-limit group of a quotation path: /v1/candles/minutes/5 → candles, /v1/market/all → market. */
    public static String group(String path) {
        String[] parts = path.replaceFirst("^/?v1/", "").split("[/?]", 2);
        return parts[0];
    }

    /**
     * Waits for a slot of {@code path}'s group. A caller that wakes more than {@code tolerance} after its slot
     * (a busy CPU, a pause) takes a new one rather than go late: a late call would crowd the window of the calls
     * queued behind it. Answers how long it waited.
     */
    public long acquire(String path) throws InterruptedException {
        long started = clock.millis();
        for (int tries = 0; ; tries++) {
            long wait = reserve(path);
            long due = clock.millis() + wait;
            if (wait > 0) {
                Thread.sleep(wait);
            }
            long late = clock.millis() - due;
            if (late <= LATE_TOLERANCE_MILLIS || tries >= MAX_RESERVATIONS) {
                return clock.millis() - started;
            }
            LOG.debug("Upbit {} slot missed by {} ms: taking another", group(path), late);
        }
    }

    /** Reserves the next slot of {@code path}'s group; answers how many milliseconds to wait for it. */
    public long reserve(String path) {
        String group = group(path);
        long wait = redis != null && clock.millis() >= redisDownUntil ? reserveShared(group) : -1;
        if (wait < 0) {
            wait = reserveLocal(group);
        } else {
            // this instance's own calls are kept here too: should Redis fail, the local count starts from them
            remember(group, clock.millis() + wait);
        }
        Long until = spentUntil.get(group);
        return until == null ? wait : Math.max(wait, until - clock.millis());
    }

    private long reserveShared(String group) {
        try {
            Long wait = redis.execute(RESERVE, List.of(KEY + group), String.valueOf(limit),
                    String.valueOf(windowMillis), UUID.randomUUID().toString());
            return wait == null ? -1 : wait;
        } catch (RuntimeException e) {
            redisDownUntil = clock.millis() + redisRetry.toMillis();
            LOG.warn("Redis unavailable for Upbit's rate limit ({}): each instance keeps its own slots for {} s",
                    e.getClass().getSimpleName(), redisRetry.toSeconds());
            return -1;
        }
    }

    private void remember(String group, long slot) {
        Deque<Long> slots = localSlots.computeIfAbsent(group, g -> new ArrayDeque<>());
        synchronized (slots) {
            long now = clock.millis();
            while (!slots.isEmpty() && slots.peekFirst() < now - windowMillis) {
                slots.pollFirst();
            }
            if (slots.isEmpty() || slots.peekLast() <= slot) {
                slots.addLast(slot);
            }
        }
    }

    private long reserveLocal(String group) {
        Deque<Long> slots = localSlots.computeIfAbsent(group, g -> new ArrayDeque<>());
        synchronized (slots) {
            long now = clock.millis();
            while (!slots.isEmpty() && slots.peekFirst() < now - windowMillis) {
                slots.pollFirst();
            }
            long slot = now;
            if (slots.size() >= limit) {
                // the slot `limit` places back: slots are handed out in order, so it is the limit-th newest
                long bound = slots.stream().skip(slots.size() - limit).findFirst().orElseThrow();
                slot = Math.max(now, bound + windowMillis);
            }
            slots.addLast(slot);
            return slot - now;
        }
    }

    /** Reads an answer's Remaining-Req header (absent or unreadable: nothing learned). */
    public void observe(String remainingReq) {
        if (remainingReq == null) {
            return;
        }
        Matcher m = HEADER.matcher(remainingReq);
        if (m.find() && Integer.parseInt(m.group(2)) <= 0) {
            long now = clock.millis();
            spentUntil.put(m.group(1), now - now % 1000 + 1000);
        }
    }

    /** A fresh count of attempts for one quotation call. */
    public UpstreamAttempts attempts() {
        return new UpstreamAttempts(maxAttempts, backoff, maxRetryWait);
    }

    /** One answer: what Upbit has left, and whether (and when) to try again. */
    public void answered(UpstreamAttempts attempts, int status, String remainingReq, String retryAfter) {
        observe(remainingReq);
        attempts.answered(status, retryAfter);
    }
}
