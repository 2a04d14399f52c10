package com.autotrader.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One limit order of a plan. {@code identifier} is derived from the analysis and the leg, so the same
 * plan placed twice (a retry, a restart, a second instance) asks for the same order and is refused.
 */
public record PlannedOrder(String market, Side side, int leg, BigDecimal price, BigDecimal volume, String identifier) {

    /** price × volume in KRW, rounded to the won. */
    public BigDecimal total() {
        return price.multiply(volume).setScale(0, RoundingMode.HALF_UP);
    }

    /** Named apart from the accessor: an overload would make ${body.identifier} ambiguous in routes. */
    public static String identifierFor(long analysisId, Side side, int leg) {
        return "autotrader-" + analysisId + "-" + side.upbit() + "-" + leg;
    }
}
