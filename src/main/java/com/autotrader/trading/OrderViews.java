package com.autotrader.trading;

import com.autotrader.api.QueryParams;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.autotrader.api.QueryParams.blank;
import static com.autotrader.api.QueryParams.lowerCaseKeys;
import static com.autotrader.api.QueryParams.number;
import static com.autotrader.api.QueryParams.time;

/** The JSON views of the trading endpoints: orders, holdings and the trading status. */
@Component
public class OrderViews {

    static final int MAX_PAGE_SIZE = 100;
    static final int DEFAULT_PAGE_SIZE = 50;
    static final Set<String> SIDES = Set.of("bid", "ask");
    static final Set<String> STATES = Set.of("new", "wait", "watch", "done", "cancel", "failed", "unknown");
    static final Set<String> MODES = Set.of(TradingSettings.PAPER, TradingSettings.LIVE);

    private final TradingSettings settings;
    private final UpbitSigner signer;

    public OrderViews(TradingSettings settings, UpbitSigner signer) {
        this.settings = settings;
        this.signer = signer;
    }

    /** The named parameters of select-orders / count-orders; rejects what the API does not accept. */
    public Map<String, Object> query(String market, String side, String state, String mode, String page, String pageSize) {
        Map<String, Object> q = new HashMap<>();
        q.put("market", blank(market) ? null : QueryParams.symbol("market", market));
        q.put("side", QueryParams.oneOf("side", side, SIDES));
        q.put("state", QueryParams.oneOf("state", state, STATES));
        q.put("mode", QueryParams.oneOf("mode", mode, MODES));
        QueryParams.page(q, page, pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        return q;
    }

    public Map<String, Object> page(List<Map<String, Object>> rows, Number total, Map<String, Object> query) {
        return QueryParams.pageView(rows.stream().map(OrderViews::order).toList(), total, query);
    }

    static Map<String, Object> order(Map<String, Object> raw) {
        Map<String, Object> row = lowerCaseKeys(raw);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", number(row.get("id")));
        v.put("identifier", row.get("identifier"));
        v.put("mode", row.get("mode"));
        v.put("market", row.get("market"));
        v.put("side", row.get("side"));
        v.put("ord_type", row.get("ord_type"));
        v.put("price", number(row.get("price")));
        v.put("volume", number(row.get("volume")));
        v.put("executed_volume", number(row.get("executed_volume")));
        v.put("state", row.get("state"));
        v.put("uuid", row.get("uuid"));
        v.put("analysis_id", number(row.get("analysis_id")));
        v.put("leg", number(row.get("leg")));
        v.put("error", row.get("error"));
        v.put("trace_id", row.get("trace_id"));
        v.put("created_at", time(row.get("created_at")));
        v.put("updated_at", time(row.get("updated_at")));
        return v;
    }

    public Map<String, Object> holdings(List<Holding> holdings) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("mode", settings.mode());
        v.put("items", holdings.stream().map(h -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("currency", h.currency());
            item.put("balance", number(h.balance()));
            item.put("locked", number(h.locked()));
            item.put("avg_buy_price", number(h.avgBuyPrice()));
            return item;
        }).toList());
        return v;
    }

    public Map<String, Object> status(Map<String, Object> control, Map<String, Object> today) {
        Map<String, Object> c = lowerCaseKeys(control);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("mode", settings.mode());
        v.put("enabled", settings.enabled());
        v.put("paused", c.get("paused"));
        v.put("changed_at", time(c.get("changed_at")));
        v.put("changed_by", c.get("changed_by"));
        boolean ready = !settings.isLive() || signer.hasKeys();
        v.put("can_trade", settings.enabled() && ready && !Boolean.TRUE.equals(c.get("paused")));
        v.put("missing_keys", settings.isLive() ? signer.missingKeys() : List.of());
        Map<String, Object> t = new LinkedHashMap<>();
        today.forEach((k, val) -> t.put(k, number(val)));
        v.put("today", t);
        return v;
    }
}
