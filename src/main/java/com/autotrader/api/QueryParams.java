package com.autotrader.api;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every read endpoint does with query parameters and rows: checks a value against the accepted ones (a
 * clear 400 otherwise), pages, and shows numbers and times in one shape.
 */
public final class QueryParams {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");

    private QueryParams() {
    }

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** null when absent; lower case when one of {@code allowed}; a 400 otherwise. */
    public static String oneOf(String name, String value, Set<String> allowed) {
        if (blank(value)) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new BadRequestException(name + " must be one of " + new TreeSet<>(allowed) + ", got '" + value + "'");
        }
        return v;
    }

    /** A market or ticker code: KRW-BTC, AAPL, 005930. */
    public static String symbol(String name, String symbol) {
        String s = symbol.strip().toUpperCase(Locale.ROOT);
        if (!s.matches("[A-Z0-9.\\-]{1,32}")) {
            throw new BadRequestException(name + " must be a market code such as KRW-BTC, AAPL or 005930");
        }
        return s;
    }

    public static int positiveInt(String name, String value, int defaultValue, int max) {
        if (blank(value)) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(value.strip());
            if (v >= 1 && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequestException(name + " must be a whole number from 1 to " + max + ", got '" + value + "'");
    }

    /** page, page_size, limit and offset for a paged query. */
    public static void page(Map<String, Object> query, String page, String pageSize, int defaultSize, int maxSize) {
        int pageNumber = positiveInt("page", page, 1, Integer.MAX_VALUE / maxSize);
        int size = positiveInt("page_size", pageSize, defaultSize, maxSize);
        query.put("page", pageNumber);
        query.put("page_size", size);
        query.put("limit", size);
        query.put("offset", (pageNumber - 1) * size);
    }

    /** {items, page, page_size, total}: one page of a listing. */
    public static Map<String, Object> pageView(List<Map<String, Object>> items, Number total, Map<String, Object> query) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("page", query.get("page"));
        page.put("page_size", query.get("page_size"));
        page.put("total", total == null ? 0 : total.longValue());
        return page;
    }

    public static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
        Map<String, Object> lower = new HashMap<>();
        row.forEach((k, val) -> lower.put(k.toLowerCase(Locale.ROOT), val));
        return lower;
    }

    /** Whole numbers without ".0", decimals without trailing zeros. */
    public static Object number(Object value) {
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger() : d.stripTrailingZeros();
        }
        return value;
    }

    /** ISO-8601 in Asia/Seoul, seconds always present (a fixed shape for strict client parsers). */
    public static String time(Object value) {
        Instant instant;
        if (value instanceof Timestamp ts) {
            instant = ts.toInstant();
        } else if (value instanceof OffsetDateTime odt) {
            instant = odt.toInstant();
        } else if (value instanceof ZonedDateTime zdt) {
            instant = zdt.toInstant();
        } else if (value instanceof Instant i) {
            instant = i;
        } else {
            return value == null ? null : value.toString();
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(KST));
    }
}
