package com.autotrader.trading;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The owner's trading settings, checked at start: a typo in TRADING_MODE must not start a live trader. */
@Component
public class TradingSettings {

    public static final String PAPER = "paper";
    public static final String LIVE = "live";

    private final String mode;
    private final BigDecimal maxOrderKrw;
    private final BigDecimal maxDailyKrw;
    private final List<String> markets;
    private final boolean enabled;

    public TradingSettings(@Value("${trading.mode}") String mode,
                           @Value("${trading.enabled}") boolean enabled,
                           @Value("${trading.max-order-krw}") BigDecimal maxOrderKrw,
                           @Value("${trading.max-daily-krw}") BigDecimal maxDailyKrw,
                           @Value("${upbit.markets}") String markets) {
        String m = mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT);
        if (!PAPER.equals(m) && !LIVE.equals(m)) {
            throw new IllegalArgumentException("TRADING_MODE must be paper or live, got '" + mode + "'");
        }
        if (maxOrderKrw.signum() <= 0 || maxDailyKrw.signum() <= 0) {
            throw new IllegalArgumentException("TRADING_MAX_ORDER_KRW and TRADING_MAX_DAILY_KRW must be positive");
        }
        this.mode = m;
        this.enabled = enabled;
        this.maxOrderKrw = maxOrderKrw;
        this.maxDailyKrw = maxDailyKrw;
        this.markets = Arrays.stream(markets.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
    }

    public String mode() {
        return mode;
    }

    public boolean isLive() {
        return LIVE.equals(mode);
    }

    /** Whether schedules trade after analysing at all (TRADING_ENABLED). */
    public boolean enabled() {
        return enabled;
    }

    public BigDecimal maxOrderKrw() {
        return maxOrderKrw;
    }

    public BigDecimal maxDailyKrw() {
        return maxDailyKrw;
    }

    /** UPBIT_MARKETS as written: markets, symbols or Korean names. */
    public List<String> watchlist() {
        return markets;
    }
}
