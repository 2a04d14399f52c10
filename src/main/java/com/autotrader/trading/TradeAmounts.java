package com.autotrader.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** How amounts read in messages: 50,000원 for KRW, 0.0012 BTC for a coin. */
public final class TradeAmounts {

    private TradeAmounts() {
    }

    public static String format(BigDecimal amount, String currency) {
        if ("KRW".equals(currency)) {
            return won(amount);
        }
        return new DecimalFormat("#,##0.########", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(amount)
                + " " + currency;
    }

    public static String won(BigDecimal amount) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT))
                .format(amount.setScale(0, RoundingMode.HALF_UP)) + "원";
    }

    /** A price as Upbit shows it: no decimals from 1,000 up, up to 4 below. */
    public static String price(BigDecimal price) {
        String pattern = price.abs().compareTo(BigDecimal.valueOf(1000)) >= 0 ? "#,##0" : "#,##0.####";
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(price) + "원";
    }
}
