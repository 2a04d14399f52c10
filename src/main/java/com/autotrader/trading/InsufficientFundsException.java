package com.autotrader.trading;

import java.math.BigDecimal;

/** The balance does not cover the sum of a plan's legs (KRW for a buy, the coin for a sell). */
public class InsufficientFundsException extends TradingException {

    private final BigDecimal available;
    private final BigDecimal required;
    private final String currency;

    public InsufficientFundsException(Side side, String currency, BigDecimal available, BigDecimal required) {
        super("InsufficientFunds", side, "잔고 부족: 보유 " + TradeAmounts.format(available, currency)
                + ", 필요 " + TradeAmounts.format(required, currency));
        this.available = available;
        this.required = required;
        this.currency = currency;
    }

    public BigDecimal available() {
        return available;
    }

    public BigDecimal required() {
        return required;
    }

    public String currency() {
        return currency;
    }
}
