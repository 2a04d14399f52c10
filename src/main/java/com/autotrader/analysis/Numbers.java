package com.autotrader.analysis;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Number formats for prompts: thousands separators for KRW prices, decimals only where they matter. */
final class Numbers {

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);

    private Numbers() {
    }

    static String price(Double value) {
        if (value == null) {
            return "N/A";
        }
        double abs = Math.abs(value);
        String pattern = abs >= 1000 ? "#,##0" : abs >= 1 ? "#,##0.##" : "0.########";
        return new DecimalFormat(pattern, SYMBOLS).format(value);
    }

    static String volume(Double value) {
        if (value == null) {
            return "N/A";
        }
        return new DecimalFormat(Math.abs(value) >= 1000 ? "#,##0" : "#,##0.####", SYMBOLS).format(value);
    }

    static String decimal(Double value) {
        return value == null ? "N/A" : new DecimalFormat("#,##0.00", SYMBOLS).format(value);
    }

    static String percent(Double value) {
        return value == null ? "N/A" : new DecimalFormat("+0.00;-0.00", SYMBOLS).format(value) + "%";
    }
}
