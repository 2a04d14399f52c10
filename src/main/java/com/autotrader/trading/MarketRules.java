package com.autotrader.trading;

import java.math.BigDecimal;

/** Fees and the minimum order total of one market (Upbit's orders/chance, or the paper broker's settings). */
public record MarketRules(BigDecimal bidFee, BigDecimal askFee, BigDecimal minTotal) {
}
