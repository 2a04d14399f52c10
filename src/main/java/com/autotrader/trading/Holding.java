package com.autotrader.trading;

import java.math.BigDecimal;

/** A balance as Upbit's accounts list it: free, locked in open orders, and the average buy price (KRW). */
public record Holding(String currency, BigDecimal balance, BigDecimal locked, BigDecimal avgBuyPrice) {

    public static Holding empty(String currency) {
        return new Holding(currency, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    public boolean isHeld() {
        return balance.signum() > 0 || locked.signum() > 0;
    }
}
