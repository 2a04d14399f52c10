package com.autotrader.results;

import com.autotrader.api.BadRequestException;
import com.autotrader.api.NotFoundException;
import com.autotrader.api.QueryParams;

import static com.autotrader.api.QueryParams.blank;
import static com.autotrader.api.QueryParams.lowerCaseKeys;
import static com.autotrader.api.QueryParams.number;
import static com.autotrader.api.QueryParams.oneOf;
import static com.autotrader.api.QueryParams.symbol;
import static com.autotrader.api.QueryParams.time;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RANGES = List.of("appropriate_buy", "appropriate_sell", "buy_hope", "sell_target");

    /** The named parameters of select-results / count-results; rejects what the API does not accept. */
    public Map<String, Object> query(String market, String symbol, String decision, String page, String pageSize) {
        Map<String, Object> q = new HashMap<>();
        q.put("market", oneOf("market", market, MARKETS));
        q.put("decision", oneOf("decision", decision, DECISIONS));
        q.put("symbol", blank(symbol) ? null : symbol("symbol", symbol));
        QueryParams.page(q, page, pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
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
        return QueryParams.pageView(rows.stream().map(this::view).toList(), total, query);
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

    private static List<String> reasons(Object json) {
        try {
            return json == null ? List.of() : JSON.readValue(json.toString(), new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            return List.of(json.toString());
        }
    }

}
