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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upbit's quotation limit: so many calls a second per group (candles, ticker, market, orderbook, trades) and IP.
 * Every call first reserves a slot in its group and waits until the slot's time comes: a call goes no sooner
 * than one window after the call {@code limit} places before it, so no window ever holds more than {@code limit}
 * calls. Once a call is answered its slot moves to that moment ({@link #sent}): a call that left late (a cold
 * endpoint, a pause) then still counts from when it reached Upbit at the latest. The slots live in Redis when
 * REDIS_URL is set (every instance behind one IP shares them, Redis's own clock keeps the time), else in this
 * process; while Redis is unreachable each instance counts its own calls for a while.
 * <p>
 * Upbit's answers also say what is left ({@code Remaining-Req: group=candles; min=1800; sec=0}): when a group
 * has nothing left in this second (someone else on the IP spends it too), its next call waits for the next one.
 */
@Component
public class UpbitRateLimit {

    /** A reserved slot: its group, its id in the shared set, and when (this clock) it was due. */
    public record Slot(String group, String id, long due, boolean shared) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(UpbitRateLimit.class);
    private static final Pattern HEADER = Pattern.compile("group=([a-z\\-]+).*?sec=(\\d+)");
    private static final String KEY = "auto-trader:upbit:slots:";
    private static final long LATE_TOLERANCE_MILLIS = 20;
    private static final int MAX_RESERVATIONS = 5;
    /**
     * KEYS[1] the group's slots (a sorted set, score = slot time); ARGV: limit, window ms, the slot's id.
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
    /** KEYS[1] the group's slots; ARGV: the slot's id, window ms. Moves the slot to now if it was earlier. */
    private static final DefaultRedisScript<Long> SENT = new DefaultRedisScript<>("""
            redis.replicate_commands()
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local at = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if at and tonumber(at) < now then
              redis.call('ZADD', KEYS[1], now, ARGV[1])
              if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then
                redis.call('PEXPIRE', KEYS[1], ARGV[2])
              end
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final int limit;
    private final long windowMillis;
    private final long lateAbsorbedMillis;
    private final Duration redisRetry;
    private final Clock clock;
    /** group → this instance's slot times, sorted (the count without Redis, and the fallback when it fails). */
    private final Map<String, List<Long>> localSlots = new ConcurrentHashMap<>();
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
        this.lateAbsorbedMillis = Math.max(0, (windowMillis - 1000) / 2);
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
     * Waits for a slot of {@code path}'s group. A caller that wakes more than a few milliseconds after its slot
     * (a busy CPU, a pause) takes a new one rather than go late: a late call would crowd the window of the calls
     * queued behind it.
     */
    public Slot acquire(String path) throws InterruptedException {
        for (int tries = 0; ; tries++) {
            Slot slot = reserve(path);
            long wait = slot.due() - clock.millis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            long late = clock.millis() - slot.due();
            if (late <= LATE_TOLERANCE_MILLIS || tries >= MAX_RESERVATIONS) {
                return slot;
            }
            LOG.debug("Upbit {} slot missed by {} ms: taking another", slot.group(), late);
        }
    }

    /** Reserves the next slot of {@code path}'s group, due at {@link Slot#due()} on this instance's clock. */
    public Slot reserve(String path) {
        String group = group(path);
        String id = UUID.randomUUID().toString();
        long wait = redis != null && clock.millis() >= redisDownUntil ? reserveShared(group, id) : -1;
        boolean shared = wait >= 0;
        long now = clock.millis();
        if (shared) {
            // this instance's own calls are kept here too: should Redis fail, the local count starts from them
            insert(group, now + wait);
        } else {
            wait = reserveLocal(group);
        }
        Long until = spentUntil.get(group);
        long due = now + (until == null ? wait : Math.max(wait, until - now));
        return new Slot(group, id, due, shared);
    }

    /** The call of {@code slot} has been answered: it counts from now, if that is later than its slot. */
    public void sent(Slot slot) {
        long now = clock.millis();
        // lateness within half the window's margin is what the margin is for: nothing to move (and no Redis call)
        if (now - slot.due() <= lateAbsorbedMillis) {
            return;
        }
        List<Long> slots = local(slot.group());
        synchronized (slots) {
            int at = Collections.binarySearch(slots, slot.due());
            if (at >= 0) {
                slots.remove(at);
            }
            insert(slots, now);
        }
        if (slot.shared() && clock.millis() >= redisDownUntil) {
            try {
                redis.execute(SENT, List.of(KEY + slot.group()), slot.id(), String.valueOf(windowMillis));
            } catch (RuntimeException e) {
                redisFailed(e);
            }
        }
    }

    private long reserveShared(String group, String id) {
        try {
            Long wait = redis.execute(RESERVE, List.of(KEY + group), String.valueOf(limit),
                    String.valueOf(windowMillis), id);
            return wait == null ? -1 : wait;
        } catch (RuntimeException e) {
            redisFailed(e);
            return -1;
        }
    }

    private void redisFailed(RuntimeException e) {
        redisDownUntil = clock.millis() + redisRetry.toMillis();
        LOG.warn("Redis unavailable for Upbit's rate limit ({}): each instance counts its own calls for {} s",
                e.getClass().getSimpleName(), redisRetry.toSeconds());
    }

    private List<Long> local(String group) {
        return localSlots.computeIfAbsent(group, g -> new ArrayList<>());
    }

    private void insert(String group, long slot) {
        List<Long> slots = local(group);
        synchronized (slots) {
            insert(slots, slot);
        }
    }

    /** Adds a slot in order, after dropping those a window old (they can no longer matter). */
    private void insert(List<Long> slots, long slot) {
        dropOld(slots);
        addInOrder(slots, slot);
    }

    private static void addInOrder(List<Long> slots, long slot) {
        int at = Collections.binarySearch(slots, slot);
        slots.add(at < 0 ? -at - 1 : at, slot);
    }

    private void dropOld(List<Long> slots) {
        long oldest = clock.millis() - windowMillis;
        while (!slots.isEmpty() && slots.get(0) < oldest) {
            slots.remove(0);
        }
    }

    private long reserveLocal(String group) {
        List<Long> slots = local(group);
        synchronized (slots) {
            dropOld(slots);
            long now = clock.millis();
            long slot = now;
            if (slots.size() >= limit) {
                // the slot `limit` places back from the newest
                slot = Math.max(now, slots.get(slots.size() - limit) + windowMillis);
            }
            addInOrder(slots, slot);
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

    /**
     * One answer: its slot counts from now, what Upbit has left is noted, and whether (and when) to try again
     * is decided.
     */
    public void answered(Slot slot, UpstreamAttempts attempts, int status, String remainingReq, String retryAfter) {
        sent(slot);
        observe(remainingReq);
        attempts.answered(status, retryAfter);
    }
}
