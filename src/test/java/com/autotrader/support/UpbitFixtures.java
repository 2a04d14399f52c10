package com.autotrader.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Upbit quotation responses in the documented shapes (newest candle first, every documented field),
 * built from a deterministic price path so tests can predict what the analysis sees.
 */
public final class UpbitFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    public static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 25);

    private UpbitFixtures() {
    }

    public static String marketAll() {
        ArrayNode array = JSON.createArrayNode();
        market(array, "KRW-BTC", "비트코인", "Bitcoin");
        market(array, "KRW-ETH", "이더리움", "Ethereum");
        market(array, "BTC-ETH", "이더리움", "Ethereum");
        market(array, "KRW-XRP", "엑스알피(리플)", "XRP");
        market(array, "USDT-BTC", "비트코인", "Bitcoin");
        return array.toString();
    }

    /** {@code count} made-up KRW markets, KRW-C000 "코인000" onwards: a watchlist as long as a test needs. */
    public static String manyMarkets(int count) {
        ArrayNode array = JSON.createArrayNode();
        for (String market : manyMarketCodes(count)) {
            market(array, market, "코인" + market.substring(5), "Coin " + market.substring(5));
        }
        return array.toString();
    }

    public static java.util.List<String> manyMarketCodes(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> String.format("KRW-C%03d", i)).toList();
    }

    private static void market(ArrayNode array, String market, String korean, String english) {
        array.addObject().put("market", market).put("korean_name", korean).put("english_name", english);
    }

    /** A gently rising, oscillating close around {@code base}; index 0 is the oldest day. */
    public static double close(double base, int day) {
        return base * (1 + 0.0015 * day + 0.03 * Math.sin(day / 5.0));
    }

    public static String dailyCandles(String market, double base, int count) {
        ArrayNode array = JSON.createArrayNode();
        for (int i = count - 1; i >= 0; i--) {           // newest first, as Upbit answers
            LocalDateTime kst = LAST_DAY.minusDays(count - 1L - i).atStartOfDay();
            double close = close(base, i);
            double open = i == 0 ? close : close(base, i - 1);
            ObjectNode c = candle(market, kst, open, close, 1000 + 10 * (i % 7));
            c.put("prev_closing_price", open).put("change_price", close - open).put("change_rate", (close - open) / open);
            array.add(c);
        }
        return array.toString();
    }

    public static String minuteCandles(String market, double price, int unit, int count) {
        ArrayNode array = JSON.createArrayNode();
        LocalDateTime last = LAST_DAY.atTime(15, 0);
        for (int i = 0; i < count; i++) {
            double close = price * (1 + 0.001 * Math.sin(i));
            ObjectNode c = candle(market, last.minusMinutes((long) unit * i), close * 0.999, close, 3.5 + i);
            c.put("unit", unit);
            array.add(c);
        }
        return array.toString();
    }

    private static ObjectNode candle(String market, LocalDateTime kst, double open, double close, double volume) {
        ObjectNode c = JSON.createObjectNode();
        c.put("market", market);
        c.put("candle_date_time_utc", ISO.format(kst.atZone(KST).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime()));
        c.put("candle_date_time_kst", ISO.format(kst));
        c.put("opening_price", round(open));
        c.put("high_price", round(Math.max(open, close) * 1.01));
        c.put("low_price", round(Math.min(open, close) * 0.99));
        c.put("trade_price", round(close));
        c.put("timestamp", kst.atZone(KST).toInstant().toEpochMilli());
        c.put("candle_acc_trade_price", round(close * volume));
        c.put("candle_acc_trade_volume", volume);
        return c;
    }

    public static String ticker(String market, double price) {
        ArrayNode array = JSON.createArrayNode();
        array.addObject()
                .put("market", market).put("trade_price", price).put("opening_price", price * 0.99)
                .put("high_price", price * 1.01).put("low_price", price * 0.98).put("prev_closing_price", price * 0.99)
                .put("change", "RISE").put("signed_change_price", price * 0.01).put("signed_change_rate", 0.0101)
                .put("acc_trade_price_24h", price * 1500).put("acc_trade_volume_24h", 1500.0)
                .put("highest_52_week_price", price * 1.4).put("highest_52_week_date", "2026-03-14")
                .put("lowest_52_week_price", price * 0.6).put("lowest_52_week_date", "2026-01-02")
                .put("timestamp", LAST_DAY.atTime(15, 0).atZone(KST).toInstant().toEpochMilli());
        return array.toString();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
