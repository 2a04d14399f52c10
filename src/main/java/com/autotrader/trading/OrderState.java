package com.autotrader.trading;

import java.math.BigDecimal;

/**
 * An order as the broker reports it. {@code state}: wait, watch, done or cancel (Upbit's words; the paper
 * broker uses the same).
 */
public record OrderState(String uuid, String identifier, String market, Side side, String state,
                         BigDecimal price, BigDecimal volume, BigDecimal executedVolume) {
}
