package com.autotrader.analysis;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Number formats for prompts: thousands separators for KRW prices, decimals only where they matter. */
final class Numbers {

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);
    /**
     * One DecimalFormat per pattern and thread: a prompt formats a few hundred numbers, and parsing the pattern
     * anew for each cost more than the formatting (DecimalFormat is not thread-safe, hence per thread).
     */
    private static final ThreadLocal<Map<String, DecimalFormat>> FORMATS = ThreadLocal.withInitial(HashMap::new);

    private Numbers() {
    }

    static String price(Double value) {
        if (value == null) {
            return "N/A";
        }
        double abs = Math.abs(value);
        String pattern = abs >= 1000 ? "#,##0" : abs >= 1 ? "#,##0.##" : "0.########";
        return format(pattern, value);
    }

    static String volume(Double value) {
        if (value == null) {
            return "N/A";
        }
        return format(Math.abs(value) >= 1000 ? "#,##0" : "#,##0.####", value);
    }

    static String decimal(Double value) {
        return value == null ? "N/A" : format("#,##0.00", value);
    }

    static String percent(Double value) {
        return value == null ? "N/A" : format("+0.00;-0.00", value) + "%";
    }

    private static String format(String pattern, double value) {
        return FORMATS.get().computeIfAbsent(pattern, p -> new DecimalFormat(p, SYMBOLS)).format(value);
    }
}
