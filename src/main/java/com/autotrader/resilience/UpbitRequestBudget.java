package com.autotrader.resilience;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upbit's own account of its rate limit: every answer says {@code Remaining-Req: group=candles; min=1800; sec=9},
 * the calls left in this second for that group (per IP, so every schedule and request of this instance
 * shares it). When a group has none left, the next call to it waits for the next second instead of drawing a
 * 429. Groups: candles, ticker, market (market/all), and so on, as Upbit names them.
 */
@Component
public class UpbitRequestBudget {

    private static final Pattern HEADER = Pattern.compile("group=([a-z\\-]+).*?sec=(\\d+)");

    private final Clock clock;
    /** group → the epoch millisecond before which it must not be called. */
    private final Map<String, Long> blockedUntil = new ConcurrentHashMap<>();

    public UpbitRequestBudget() {
        this(Clock.systemUTC());
    }

    UpbitRequestBudget(Clock clock) {
        this.clock = clock;
    }

    /** Reads an answer's Remaining-Req header (absent or unreadable: nothing learned). */
    public void observe(String remainingReq) {
        if (remainingReq == null) {
            return;
        }
        Matcher m = HEADER.matcher(remainingReq);
        if (m.find() && Integer.parseInt(m.group(2)) <= 0) {
            long now = clock.millis();
            blockedUntil.put(m.group(1), now - now % 1000 + 1000);
        }
    }

    /** How long a call to {@code group} should wait now (0 when it may go). */
    public long waitMillis(String group) {
        Long until = blockedUntil.get(group);
        return until == null ? 0 : Math.max(0, until - clock.millis());
    }
}
