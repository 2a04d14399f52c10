package com.autotrader.market;

import com.autotrader.api.UpstreamException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns Upbit quotation responses into domain records. Strict on purpose: an HTML page, truncated JSON,
 * an empty array or a string where a number belongs is a {@link UpstreamException}, never a default.
 */
@Component
public class UpbitParser {

    static final String SERVICE = "upbit";
    /**
     * Jackson's fast (and still exact: the same double as Double.parseDouble) number parser: an analysis reads
     * some 1,400 prices and volumes, and the JDK's parser was the largest part of reading them.
     */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build());

    /** Candles from {@code /v1/candles/...}, returned oldest first without duplicate bars. */
    public List<Candle> candles(String body) {
        JsonNode array = nonEmptyArray(body, "candles");
        Map<LocalDateTime, Candle> byTime = new TreeMap<>();
        for (JsonNode c : array) {
            Candle candle = new Candle(time(c, "candle_date_time_kst"),
                    positive(c, "opening_price"), positive(c, "high_price"), positive(c, "low_price"),
                    positive(c, "trade_price"), nonNegative(c, "candle_acc_trade_volume"));
            if (candle.high() < candle.low()) {
                throw UpstreamException.badData(SERVICE, "candle high below low at " + candle.time());
            }
            byTime.put(candle.time(), candle);
        }
        return new ArrayList<>(byTime.values());
    }

    public MarketSnapshot snapshot(Instrument instrument, List<Candle> daily, Ticker ticker,
                                   List<Candle> minutes60, List<Candle> minutes5, List<Candle> minutes1) {
        return new MarketSnapshot(instrument, daily, Map.of(60, minutes60, 5, minutes5, 1, minutes1), ticker);
    }

    /** The first ticker of {@code /v1/ticker}. */
    public Ticker ticker(String body) {
        JsonNode t = nonEmptyArray(body, "ticker").get(0);
        return new Ticker(text(t, "market"), positive(t, "trade_price"), positive(t, "prev_closing_price"),
                number(t, "signed_change_rate"), nonNegative(t, "acc_trade_volume_24h"),
                optionalNumber(t, "highest_52_week_price"), optionalNumber(t, "lowest_52_week_price"),
                Instant.ofEpochMilli((long) positive(t, "timestamp")));
    }

    /** Every market of {@code /v1/market/all}, sorted by symbol. */
    public List<Instrument> markets(String body) {
        List<Instrument> markets = new ArrayList<>();
        for (JsonNode m : nonEmptyArray(body, "market list")) {
            markets.add(Instrument.upbit(text(m, "market"), text(m, "korean_name")));
        }
        markets.sort(Comparator.comparing(Instrument::symbol));
        return markets;
    }

    private static JsonNode nonEmptyArray(String body, String what) {
        if (body == null || body.isBlank()) {
            throw UpstreamException.badData(SERVICE, "empty body for " + what);
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw UpstreamException.badData(SERVICE, what + " is not JSON (starts with '" + preview(body) + "')");
        }
        if (node == null || !node.isArray()) {
            throw UpstreamException.badData(SERVICE, what + " is not a JSON array");
        }
        if (node.isEmpty()) {
            throw UpstreamException.badData(SERVICE, "no " + what + " returned");
        }
        return node;
    }

    static String preview(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() > 40 ? flat.substring(0, 40) + "…" : flat;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw UpstreamException.badData(SERVICE, "field '" + field + "' missing or not text");
        }
        return v.asText();
    }

    private static double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw UpstreamException.badData(SERVICE, "field '" + field + "' missing or not a number");
        }
        return v.asDouble();
    }

    private static double optionalNumber(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Double.NaN : number(node, field);
    }

    private static double positive(JsonNode node, String field) {
        double v = number(node, field);
        if (v <= 0) {
            throw UpstreamException.badData(SERVICE, "field '" + field + "' is not positive: " + v);
        }
        return v;
    }

    private static double nonNegative(JsonNode node, String field) {
        double v = number(node, field);
        if (v < 0) {
            throw UpstreamException.badData(SERVICE, "field '" + field + "' is negative: " + v);
        }
        return v;
    }

    private static LocalDateTime time(JsonNode node, String field) {
        try {
            return isoLocalDateTime(text(node, field));
        } catch (DateTimeParseException e) {
            throw UpstreamException.badData(SERVICE, "field '" + field + "' is not an ISO date-time");
        }
    }

    /**
     * {@link LocalDateTime#parse}, with Upbit's own form (2024-01-02T09:00:00, one per candle) read directly:
     * the general ISO parser cost more than the rest of a candle. Anything else, including an impossible date
     * in that form, goes to LocalDateTime.parse and so fails (or succeeds) exactly as it would there.
     */
    static LocalDateTime isoLocalDateTime(String text) {
        if (text.length() == 19 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= YearMonth.of(year, month).lengthOfMonth()
                    && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59) {
                return LocalDateTime.of(year, month, day, hour, minute, second);
            }
        }
        return LocalDateTime.parse(text);
    }

    /** The ASCII digits text[from, to) as a number, or -1 if any is not one. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
