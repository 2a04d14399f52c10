package com.autotrader.alerting;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Redis first, the in-process window when Redis fails: an alert must go out even with Redis down. After a
 * failure Redis is left alone for {@code retryAfter}, so a dead Redis costs one timeout, not one per alert.
 * Instances then dedupe on their own until Redis answers again; the log and the health details say so.
 */
public class FailoverIdempotentRepository extends ServiceSupport implements IdempotentRepository, DedupeMode {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverIdempotentRepository.class);

    private final IdempotentRepository primary;
    private final IdempotentRepository fallback;
    private final Duration retryAfter;
    private final Clock clock;
    private volatile Instant primaryResumesAt = Instant.MIN;

    public FailoverIdempotentRepository(IdempotentRepository primary, IdempotentRepository fallback,
                                        Duration retryAfter, Clock clock) {
        this.primary = primary;
        this.fallback = fallback;
        this.retryAfter = retryAfter;
        this.clock = clock;
    }

    @Override
    public String mode() {
        return isDegraded() ? "in-process (Redis unreachable)" : "redis";
    }

    @Override
    public boolean isDegraded() {
        return clock.instant().isBefore(primaryResumesAt);
    }

    @Override
    public boolean add(String key) {
        return call(() -> primary.add(key), () -> fallback.add(key));
    }

    @Override
    public boolean contains(String key) {
        return call(() -> primary.contains(key), () -> fallback.contains(key));
    }

    @Override
    public boolean remove(String key) {
        fallback.remove(key);
        return call(() -> primary.remove(key), () -> false);
    }

    @Override
    public boolean confirm(String key) {
        return call(() -> primary.confirm(key), () -> fallback.confirm(key));
    }

    @Override
    public void clear() {
        fallback.clear();
        call(() -> {
            primary.clear();
            return true;
        }, () -> false);
    }

    private boolean call(Supplier<Boolean> onPrimary, Supplier<Boolean> onFallback) {
        if (!isDegraded()) {
            try {
                boolean result = onPrimary.get();
                return result;
            } catch (RuntimeException e) {
                primaryResumesAt = clock.instant().plus(retryAfter);
                LOG.warn("Redis dedupe failed ({}); deduplicating alerts in-process for {}s",
                        Secrets.mask(e.getClass().getSimpleName() + ": " + e.getMessage()), retryAfter.toSeconds());
            }
        }
        return onFallback.get();
    }

    @Override
    protected void doStart() {
        ServiceHelper.startService(primary, fallback);
    }

    @Override
    protected void doStop() {
        ServiceHelper.stopService(primary, fallback);
    }
}
