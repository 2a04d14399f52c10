package com.autotrader.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Upbit's KRW-market price units: a limit price must be a multiple of the tick of its price band. From the
 * reference (changed for some bands on 2025-07-31; Upbit's orderbook/instruments is the source of truth).
 */
public final class KrwTicks {

    private static final long[][] BANDS = {
            {2_000_000, 1000}, {1_000_000, 500}, {500_000, 100}, {100_000, 50},
            {10_000, 10}, {1_000, 5}, {100, 1}};

    private KrwTicks() {
    }

    /** The tick of the band {@code price} lies in: below 100 won, 0.1 for 10–100, 0.01 for 1–10, and so on. */
    public static BigDecimal tick(BigDecimal price) {
        for (long[] band : BANDS) {
            if (price.compareTo(BigDecimal.valueOf(band[0])) >= 0) {
                return BigDecimal.valueOf(band[1]);
            }
        }
        BigDecimal tick = new BigDecimal("0.1");
        BigDecimal floor = BigDecimal.TEN;
        while (price.compareTo(floor) < 0 && tick.scale() < 8) {
            tick = tick.movePointLeft(1);
            floor = floor.movePointLeft(1);
        }
        return tick;
    }

    /** The highest valid price ≤ {@code price}: what a buy may bid without paying more than planned. */
    public static BigDecimal floor(BigDecimal price) {
        BigDecimal tick = tick(price);
        return plain(price.divide(tick, 0, RoundingMode.FLOOR).multiply(tick));
    }

    /** The lowest valid price ≥ {@code price}: what a sell may ask without selling for less than planned. */
    public static BigDecimal ceil(BigDecimal price) {
        BigDecimal tick = tick(price);
        BigDecimal up = price.divide(tick, 0, RoundingMode.CEILING).multiply(tick);
        // rounding up can cross into a band with a coarser tick (e.g. 999,950 → 1,000,000): the coarser
        // multiples contain the band's lower edge, so the result is still valid there
        return plain(up);
    }

    /** No trailing zeros and no exponent: 98000000, not 9.8E+7 (for logs, JSON and the signed query). */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
