package com.autotrader.market;

import com.autotrader.api.BadRequestException;
import com.autotrader.api.NotFoundException;
import com.autotrader.api.UpstreamException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns Yahoo Finance's {@code /v8/finance/chart/{symbol}?range=1y&interval=1d} answer into domain records.
 * Strict like {@link UpbitParser}: an HTML page, truncated JSON, a wrong type or mismatched arrays is an
 * {@link UpstreamException}, never a default. Only {@code null} bars are tolerated, because Yahoo uses them
 * for sessions it has no data for. Yahoo answers an unknown symbol with a "Not Found" error, often with
 * HTTP 404, so the body, not the status, decides between {@link NotFoundException} and bad data.
 */
@Component
public class YahooParser {

    static final String SERVICE = "yahoo";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TICKER = Pattern.compile("[A-Z0-9.\\-^=]{1,15}");
    private static final String[] SERIES = {"open", "high", "low", "close", "volume"};

    /** A user's ticker trimmed and upper-cased, or a {@link BadRequestException} saying what one looks like. */
    public static String ticker(String input) {
        String t = input == null ? "" : input.strip().toUpperCase(Locale.ROOT);
        if (!TICKER.matcher(t).matches()) {
            String shown = t.length() > 20 ? t.substring(0, 20) + "…" : t;
            throw new BadRequestException("ticker '" + shown + "' is not valid: use 1 to 15 letters, digits or"
                    + " . - ^ = as Yahoo Finance spells it (AAPL, BRK-B, ^GSPC, 005930.KS)");
        }
        return t;
    }

    /** Whether the body is Yahoo's answer for an unknown symbol ({@code result: null}, error "Not Found"). */
    public boolean isUnknownSymbol(String body) {
        try {
            JsonNode chart = body == null ? null : JSON.readTree(body).path("chart");
            return chart != null && chart.path("result").isNull()
                    && "Not Found".equals(chart.path("error").path("code").asText(null));
        } catch (JsonProcessingException | RuntimeException e) {
            return false;
        }
    }

    /** The chart of {@code symbol} (the symbol that was requested, used in messages and as a fallback). */
    public YahooChart chart(String symbol, String body) {
        if (isUnknownSymbol(body)) {
            throw new NotFoundException("unknown ticker '" + symbol + "': Yahoo Finance has no data for it");
        }
        JsonNode result = result(body);
        JsonNode meta = object(result, "meta");
        ZoneId zone = zone(meta);
        List<Bar> bars = bars(result, zone);

        String resolved = optionalText(meta, "symbol");
        resolved = resolved != null ? resolved : symbol;
        String name = optionalText(meta, "longName");
        name = name != null ? name : optionalText(meta, "shortName");
        Instrument instrument = new Instrument(SERVICE, "equity_us", resolved, name != null ? name : resolved);

        List<Candle> daily = bars.stream().map(Bar::candle).toList();
        return new YahooChart(instrument, daily, quote(resolved, meta, bars), optionalText(meta, "currency"));
    }

    /** The chart API carries no valuation figures; quoteSummary has them but needs a cookie and crumb. */
    public Fundamentals noFundamentals() {
        return new Fundamentals(null, null, null, null, null, null);
    }

    private record Bar(long epochSecond, Candle candle) {
    }

    private static Ticker quote(String symbol, JsonNode meta, List<Bar> bars) {
        double price = positive(meta, "regularMarketPrice");
        // previousClose is the last session's close; chartPreviousClose is the close before the chart's first
        // bar (a year ago for range=1y), so it is only a last resort when there is no earlier bar.
        double prev = optionalPositive(meta, "previousClose");
        if (Double.isNaN(prev)) {
            prev = bars.size() > 1 ? bars.get(bars.size() - 2).candle().close()
                    : optionalPositive(meta, "chartPreviousClose");
        }
        if (Double.isNaN(prev)) {
            throw UpstreamException.badData(SERVICE, "no previous close for " + symbol);
        }
        double volume = optionalNumber(meta, "regularMarketVolume");
        if (volume < 0) {
            throw UpstreamException.badData(SERVICE, "field 'regularMarketVolume' is negative: " + volume);
        }
        double high52 = optionalPositive(meta, "fiftyTwoWeekHigh");
        double low52 = optionalPositive(meta, "fiftyTwoWeekLow");
        if (Double.isNaN(high52)) {
            high52 = bars.stream().mapToDouble(b -> b.candle().high()).max().orElseThrow();
        }
        if (Double.isNaN(low52)) {
            low52 = bars.stream().mapToDouble(b -> b.candle().low()).min().orElseThrow();
        }
        double time = optionalPositive(meta, "regularMarketTime");
        long epoch = Double.isNaN(time) ? bars.get(bars.size() - 1).epochSecond() : (long) time;
        return new Ticker(symbol, price, prev, (price - prev) / prev, Double.isNaN(volume) ? 0 : volume,
                high52, low52, Instant.ofEpochSecond(epoch));
    }

    private static JsonNode result(String body) {
        if (body == null || body.isBlank()) {
            throw UpstreamException.badData(SERVICE, "empty body for chart");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw UpstreamException.badData(SERVICE, "chart is not JSON (starts with '" + UpbitParser.preview(body) + "')");
        }
        JsonNode chart = root == null ? null : root.get("chart");
        if (chart == null || !chart.isObject()) {
            throw UpstreamException.badData(SERVICE, "no 'chart' object");
        }
        JsonNode error = chart.get("error");
        if (error != null && !error.isNull()) {
            throw UpstreamException.badData(SERVICE, "chart error " + UpbitParser.preview(error.toString()));
        }
        JsonNode result = chart.get("result");
        if (result == null || !result.isArray() || result.isEmpty() || !result.get(0).isObject()) {
            throw UpstreamException.badData(SERVICE, "'chart.result' is not a non-empty array of objects");
        }
        return result.get(0);
    }

    /** The exchange's zone: its IANA name, else its current GMT offset, else UTC. */
    private static ZoneId zone(JsonNode meta) {
        String name = optionalText(meta, "exchangeTimezoneName");
        if (name != null) {
            try {
                return ZoneId.of(name);
            } catch (DateTimeException e) {
                // unknown to this JVM: try the offset
            }
        }
        double offset = optionalNumber(meta, "gmtoffset");
        if (!Double.isNaN(offset) && Math.abs(offset) <= 18 * 3600 && offset == Math.rint(offset)) {
            return ZoneOffset.ofTotalSeconds((int) offset);
        }
        return ZoneOffset.UTC;
    }

    /** Non-null bars, oldest first, one per local date (a later bar of the same date replaces an earlier one). */
    private static List<Bar> bars(JsonNode result, ZoneId zone) {
        JsonNode timestamps = result.get("timestamp");
        if (timestamps == null || !timestamps.isArray()) {
            throw UpstreamException.badData(SERVICE, "'timestamp' missing or not an array");
        }
        JsonNode quotes = object(result, "indicators").get("quote");
        if (quotes == null || !quotes.isArray() || quotes.isEmpty() || !quotes.get(0).isObject()) {
            throw UpstreamException.badData(SERVICE, "'indicators.quote' is not a non-empty array of objects");
        }
        JsonNode quote = quotes.get(0);
        for (String series : SERIES) {
            JsonNode values = quote.get(series);
            if (values == null || !values.isArray() || values.size() != timestamps.size()) {
                throw UpstreamException.badData(SERVICE, "quote '" + series + "' is not an array of "
                        + timestamps.size() + " values like 'timestamp'");
            }
        }
        Map<LocalDate, Bar> byDate = new TreeMap<>();
        for (int i = 0; i < timestamps.size(); i++) {
            JsonNode ts = timestamps.get(i);
            if (!ts.isIntegralNumber() || !ts.canConvertToLong() || ts.asLong() <= 0) {
                throw UpstreamException.badData(SERVICE, "timestamp[" + i + "] is not epoch seconds");
            }
            Double open = element(quote, "open", i);
            Double high = element(quote, "high", i);
            Double low = element(quote, "low", i);
            Double close = element(quote, "close", i);
            Double volume = element(quote, "volume", i);
            if (open == null || high == null || low == null || close == null) {
                continue;
            }
            if (open <= 0 || high <= 0 || low <= 0 || close <= 0 || (volume != null && volume < 0)) {
                throw UpstreamException.badData(SERVICE, "bar " + i + " has a non-positive price or negative volume");
            }
            if (high < low) {
                throw UpstreamException.badData(SERVICE, "bar " + i + " has high below low");
            }
            LocalDateTime time = LocalDateTime.ofInstant(Instant.ofEpochSecond(ts.asLong()), zone);
            byDate.put(time.toLocalDate(), new Bar(ts.asLong(),
                    new Candle(time, open, high, low, close, volume == null ? 0 : volume)));
        }
        if (byDate.isEmpty()) {
            throw UpstreamException.badData(SERVICE, "no complete bar in the chart");
        }
        return new ArrayList<>(byDate.values());
    }

    private static Double element(JsonNode quote, String series, int i) {
        JsonNode v = quote.get(series).get(i);
        if (v.isNull()) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw UpstreamException.badData(SERVICE, series + "[" + i + "] is not a number");
        }
        return v.asDouble();
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw UpstreamException.badData(SERVICE, "'" + field + "' missing or not an object");
        }
        return v;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw UpstreamException.badData(SERVICE, "field '" + field + "' is not text");
        }
        return v.asText().isBlank() ? null : v.asText();
    }

    /** NaN when absent or null; a present value must be a finite number. */
    private static double optionalNumber(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw UpstreamException.badData(SERVICE, "field '" + field + "' is not a number");
        }
        return v.asDouble();
    }

    private static double optionalPositive(JsonNode node, String field) {
        double v = optionalNumber(node, field);
        if (v <= 0) {
            throw UpstreamException.badData(SERVICE, "field '" + field + "' is not positive: " + v);
        }
        return v;
    }

    private static double positive(JsonNode node, String field) {
        double v = optionalPositive(node, field);
        if (Double.isNaN(v)) {
            throw UpstreamException.badData(SERVICE, "field '" + field + "' missing");
        }
        return v;
    }
}
