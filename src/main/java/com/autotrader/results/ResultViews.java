package com.autotrader.results;

import com.autotrader.api.BadRequestException;
import com.autotrader.api.NotFoundException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

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
import java.util.TreeMap;

/**
 * The read side of the REST API: checks query parameters, and turns database rows into the JSON views
 * of a result, a page of results and the statistics.
 */
@Component
public class ResultViews {

    public static final int MAX_PAGE_SIZE = 100;
    static final int DEFAULT_PAGE_SIZE = 20;
    static final Set<String> MARKETS = Set.of("upbit", "yahoo", "kis");
    /** In the order the statistics list them. */
    static final List<String> DECISIONS_ORDER = List.of("buy", "hold", "sell");
    static final Set<String> DECISIONS = Set.copyOf(DECISIONS_ORDER);
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RANGES = List.of("appropriate_buy", "appropriate_sell", "buy_hope", "sell_target");

    /** The named parameters of select-results / count-results; rejects what the API does not accept. */
    public Map<String, Object> query(String market, String symbol, String decision, String page, String pageSize) {
        int pageNumber = positiveInt("page", page, 1, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int size = positiveInt("page_size", pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        Map<String, Object> q = new HashMap<>();
        q.put("market", oneOf("market", market, MARKETS));
        q.put("decision", oneOf("decision", decision, DECISIONS));
        q.put("symbol", blank(symbol) ? null : checkedSymbol(symbol));
        q.put("page", pageNumber);
        q.put("page_size", size);
        q.put("limit", size);
        q.put("offset", (pageNumber - 1) * size);
        return q;
    }

    public Map<String, Object> marketFilter(String market) {
        Map<String, Object> q = new HashMap<>();
        q.put("market", oneOf("market", market, MARKETS));
        return q;
    }

    public Map<String, Object> idParam(String id) {
        try {
            long value = Long.parseLong(id.strip());
            if (value > 0) {
                return Map.of("id", value);
            }
        } catch (NumberFormatException | NullPointerException e) {
            // falls through to the error below
        }
        throw new BadRequestException("id must be a positive whole number, got '" + id + "'");
    }

    public Map<String, Object> page(List<Map<String, Object>> rows, Number total, Map<String, Object> query) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", rows.stream().map(this::view).toList());
        page.put("page", query.get("page"));
        page.put("page_size", query.get("page_size"));
        page.put("total", total == null ? 0 : total.longValue());
        return page;
    }

    public List<Map<String, Object>> views(List<Map<String, Object>> rows) {
        return rows.stream().map(this::view).toList();
    }

    /** One row of select-result; null (no row) is a 404. */
    public Map<String, Object> found(Map<String, Object> row, Object id) {
        if (row == null || row.isEmpty()) {
            throw new NotFoundException("no analysis result with id " + id);
        }
        return view(row);
    }

    public Map<String, Object> view(Map<String, Object> raw) {
        Map<String, Object> row = lowerCaseKeys(raw);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", number(row.get("id")));
        v.put("market", row.get("market"));
        v.put("asset_type", row.get("asset_type"));
        v.put("symbol", row.get("symbol"));
        v.put("name", row.get("name"));
        v.put("decision", row.get("decision"));
        v.put("confidence", number(row.get("confidence")));
        v.put("reasons", reasons(row.get("reasons")));
        Map<String, Object> prices = new LinkedHashMap<>();
        for (String range : RANGES) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("min", number(row.get(range + "_min")));
            r.put("max", number(row.get(range + "_max")));
            prices.put(range + "_range", r);
        }
        v.put("price_analysis", prices);
        v.put("current_price", number(row.get("current_price")));
        v.put("model_name", row.get("model_name"));
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("prompt", number(row.get("prompt_tokens")));
        tokens.put("completion", number(row.get("completion_tokens")));
        tokens.put("total", number(row.get("total_tokens")));
        v.put("tokens", tokens);
        v.put("latency_ms", number(row.get("latency_ms")));
        v.put("trace_id", row.get("trace_id"));
        v.put("created_at", time(row.get("created_at")));
        if (row.containsKey("detailed_text")) {
            v.put("detailed_text", row.get("detailed_text"));
        }
        if (row.containsKey("prompt")) {
            v.put("prompt", row.get("prompt"));
        }
        return v;
    }

    /** Folds select-statistics rows (market × decision) into totals overall and per market. */
    public Map<String, Object> statistics(List<Map<String, Object>> rows) {
        Tally all = new Tally();
        Map<String, Tally> perMarket = new TreeMap<>();
        for (Map<String, Object> raw : rows) {
            Map<String, Object> row = lowerCaseKeys(raw);
            String decision = (String) row.get("decision");
            long count = ((Number) row.get("total")).longValue();
            double average = ((Number) row.get("average_confidence")).doubleValue();
            String latest = time(row.get("latest_at"));
            all.add(decision, count, average, latest);
            perMarket.computeIfAbsent((String) row.get("market"), m -> new Tally()).add(decision, count, average, latest);
        }
        Map<String, Object> stats = all.view();
        Map<String, Object> markets = new LinkedHashMap<>();
        perMarket.forEach((market, tally) -> markets.put(market, tally.view()));
        stats.put("markets", markets);
        return stats;
    }

    private static final class Tally {
        private long total;
        private double confidenceSum;
        private String latest;
        private final Map<String, Long> byDecision = new LinkedHashMap<>();

        Tally() {
            DECISIONS_ORDER.forEach(d -> byDecision.put(d, 0L));
        }

        void add(String decision, long count, double averageConfidence, String at) {
            total += count;
            confidenceSum += averageConfidence * count;
            byDecision.merge(decision, count, Long::sum);
            if (at != null && (latest == null || at.compareTo(latest) > 0)) {
                latest = at;
            }
        }

        Map<String, Object> view() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("total", total);
            v.put("decisions", byDecision);
            v.put("average_confidence", total == 0 ? null : Math.round(confidenceSum / total * 10) / 10.0);
            v.put("latest_at", latest);
            return v;
        }
    }

    private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
        Map<String, Object> lower = new HashMap<>();
        row.forEach((k, val) -> lower.put(k.toLowerCase(Locale.ROOT), val));
        return lower;
    }

    private static Object number(Object value) {
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger() : d.stripTrailingZeros();
        }
        return value;
    }

    private static List<String> reasons(Object json) {
        try {
            return json == null ? List.of() : JSON.readValue(json.toString(), new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            return List.of(json.toString());
        }
    }

    static String time(Object value) {
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
        // a fixed shape (seconds always present) for strict client parsers
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(KST));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String oneOf(String name, String value, Set<String> allowed) {
        if (blank(value)) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new BadRequestException(name + " must be one of " + new java.util.TreeSet<>(allowed) + ", got '" + value + "'");
        }
        return v;
    }

    private static String checkedSymbol(String symbol) {
        String s = symbol.strip().toUpperCase(Locale.ROOT);
        if (!s.matches("[A-Z0-9.\\-]{1,32}")) {
            throw new BadRequestException("symbol must be a market code such as KRW-BTC, AAPL or 005930");
        }
        return s;
    }

    private static int positiveInt(String name, String value, int defaultValue, int max) {
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
}
