package com.autotrader.trading;

import java.math.BigDecimal;
import java.util.List;

/**
 * What plan-orders decided for one analysis: the legs to place (possibly none) and, when there are none,
 * why not, in words for the log and the owner.
 */
public record OrderPlan(long analysisId, String market, Side side, List<PlannedOrder> legs, String reason) {

    public static OrderPlan none(long analysisId, String market, String reason) {
        return new OrderPlan(analysisId, market, null, List.of(), reason);
    }

    public boolean isEmpty() {
        return legs.isEmpty();
    }

    /** The sum of all legs in KRW: what a buy must be covered by. */
    public BigDecimal total() {
        return legs.stream().map(PlannedOrder::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal volume() {
        return legs.stream().map(PlannedOrder::volume).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
