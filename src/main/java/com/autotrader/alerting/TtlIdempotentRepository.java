package com.autotrader.alerting;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The in-process dedupe window: a key is new again once {@code window} has passed since it was added. Used
 * when no Redis is configured, and while a configured Redis is unreachable.
 */
public class TtlIdempotentRepository extends ServiceSupport implements IdempotentRepository, DedupeMode {

    private final Duration window;
    private final Clock clock;
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    public TtlIdempotentRepository(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    @Override
    public String mode() {
        return "in-process (REDIS_URL not set)";
    }

    @Override
    public boolean add(String key) {
        Instant now = clock.instant();
        if (expiries.size() > 10_000) {
            expiries.values().removeIf(expiry -> !expiry.isAfter(now));
        }
        AtomicBoolean added = new AtomicBoolean();
        expiries.compute(key, (k, expiry) -> {
            if (expiry == null || !expiry.isAfter(now)) {
                added.set(true);
                return now.plus(window);
            }
            return expiry;
        });
        return added.get();
    }

    @Override
    public boolean contains(String key) {
        Instant expiry = expiries.get(key);
        return expiry != null && expiry.isAfter(clock.instant());
    }

    @Override
    public boolean remove(String key) {
        return expiries.remove(key) != null;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        expiries.clear();
    }
}
