package com.autotrader.scorecard;

import com.autotrader.alerting.AlertFormatter;
import com.autotrader.alerting.TelegramText;
import com.autotrader.analysis.PriceRange;
import com.autotrader.api.QueryParams;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The scorecard's bookkeeping around {@link DecisionScorer}: which analyses are due at which horizon, the rows
 * score-decisions reads and writes, and the hit rates by model, market, decision, horizon and confidence band
 * that the API, the metrics and the weekly summary show.
 */
@Component
public class Scorecard {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final List<String> BANDS = List.of("70+", "40-69", "<40");

    private final List<Integer> horizons;
    private final int batchSize;
    private final String chatId;
    private final Clock clock;

    @Autowired
    public Scorecard(@Value("${scorecard.horizons:1,3,7}") String horizons,
                     @Value("${scorecard.batch-size:500}") int batchSize,
                     @Value("${telegram.chat-id:}") String chatId) {
        this(horizons, batchSize, chatId, Clock.systemUTC());
    }

    Scorecard(String horizons, int batchSize, String chatId, Clock clock) {
        this.horizons = Arrays.stream(horizons.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Integer::parseInt).sorted().distinct().toList();
        if (this.horizons.isEmpty() || this.horizons.get(0) < 1) {
            throw new IllegalArgumentException("SCORECARD_HORIZONS must be whole days ≥ 1, got '" + horizons + "'");
        }
        this.batchSize = batchSize;
        this.chatId = chatId.strip();
        this.clock = clock;
    }

    public List<Integer> horizons() {
        return horizons;
    }

    public Run run() {
        return new Run();
    }

    public void count(Run run, Score score) {
        run.count(score);
    }

    /** Analyses at least {@code horizon} days old without a final score at that horizon. */
    public Map<String, Object> dueQuery(int horizon) {
        Map<String, Object> q = new HashMap<>();
        q.put("cutoff", Timestamp.from(clock.instant().minus(Duration.ofDays(horizon))));
        q.put("horizon", horizon);
        q.put("limit", batchSize);
        return q;
    }

    public ScoringInput input(Map<String, Object> raw) {
        Map<String, Object> row = QueryParams.lowerCaseKeys(raw);
        return new ScoringInput(((Number) row.get("id")).longValue(), (String) row.get("decision"),
                ((Number) row.get("confidence")).intValue(), ((BigDecimal) row.get("current_price")).doubleValue(),
                analysisDay((String) row.get("market"), row.get("created_at")),
                new PriceRange(dbl(row, "appropriate_buy_min"), dbl(row, "appropriate_buy_max")),
                new PriceRange(dbl(row, "appropriate_sell_min"), dbl(row, "appropriate_sell_max")));
    }

    /** The parameters of select-candles / select-latest-candle-day for one due analysis. */
    public Map<String, Object> barsQuery(Map<String, Object> raw, ScoringInput in, int horizon) {
        Map<String, Object> row = QueryParams.lowerCaseKeys(raw);
        Map<String, Object> q = new HashMap<>();
        q.put("market", row.get("market"));
        q.put("symbol", row.get("symbol"));
        q.put("from_day", java.sql.Date.valueOf(in.analysisDay()));
        q.put("to_day", java.sql.Date.valueOf(in.analysisDay().plusDays(horizon)));
        return q;
    }

    public List<DailyBar> bars(List<Map<String, Object>> rows) {
        return rows.stream().map(QueryParams::lowerCaseKeys).map(r -> new DailyBar(day(r.get("trade_date")),
                dbl(r, "open_price"), dbl(r, "high_price"), dbl(r, "low_price"), dbl(r, "close_price"))).toList();
    }

    public LocalDate day(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        return LocalDate.parse(value.toString().substring(0, 10));
    }

    public Map<String, Object> scoreRow(Score s) {
        Map<String, Object> row = new HashMap<>();
        row.put("analysis_id", s.analysisId());
        row.put("horizon_days", s.horizonDays());
        row.put("status", s.status());
        row.put("hit", s.hit());
        row.put("buy_range_filled", s.buyRangeFilled());
        row.put("sell_range_filled", s.sellRangeFilled());
        row.put("max_gain_pct", s.maxGainPct());
        row.put("max_loss_pct", s.maxLossPct());
        row.put("close_change_pct", s.closeChangePct());
        return row;
    }

    /** The day the analysis was made in its exchange's calendar: New York for Yahoo, Seoul otherwise. */
    static LocalDate analysisDay(String market, Object createdAt) {
        Instant at = createdAt instanceof Timestamp t ? t.toInstant()
                : createdAt instanceof OffsetDateTime o ? o.toInstant() : Instant.parse(createdAt.toString());
        return at.atZone("yahoo".equals(market) ? NEW_YORK : SEOUL).toLocalDate();
    }

    /** GET /api/scorecard: hit rates overall and by model, market, decision, horizon and confidence band. */
    public Map<String, Object> view(List<Map<String, Object>> raw) {
        List<Map<String, Object>> rows = raw.stream().map(QueryParams::lowerCaseKeys).toList();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("horizons_days", horizons);
        v.put("overall", tally(rows));
        v.put("by_horizon", group(rows, r -> String.valueOf(r.get("horizon_days"))));
        v.put("by_model", group(rows, r -> String.valueOf(r.get("model_name"))));
        v.put("by_market", group(rows, r -> String.valueOf(r.get("market"))));
        v.put("by_decision", group(rows, r -> String.valueOf(r.get("decision"))));
        v.put("by_confidence", group(rows, Scorecard::band));
        v.put("groups", groups(rows));
        return v;
    }

    /** One line per model × market × decision × horizon × confidence band (the metrics' labels). */
    public List<Map<String, Object>> groups(List<Map<String, Object>> raw) {
        Map<List<String>, List<Map<String, Object>>> byKey = new TreeMap<>(
                (a, b) -> String.join("|", a).compareTo(String.join("|", b)));
        for (Map<String, Object> r : raw.stream().map(QueryParams::lowerCaseKeys).toList()) {
            byKey.computeIfAbsent(List.of(String.valueOf(r.get("model_name")), String.valueOf(r.get("market")),
                    String.valueOf(r.get("decision")), String.valueOf(r.get("horizon_days")), band(r)),
                    k -> new ArrayList<>()).add(r);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byKey.forEach((k, rs) -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("model", k.get(0));
            g.put("market", k.get(1));
            g.put("decision", k.get(2));
            g.put("horizon_days", Integer.parseInt(k.get(3)));
            g.put("confidence_band", k.get(4));
            g.putAll(tally(rs));
            out.add(g);
        });
        return out;
    }

    /** The weekly Telegram summary to TELEGRAM_CHAT_ID. */
    public TelegramText summary(List<Map<String, Object>> raw) {
        List<Map<String, Object>> rows = raw.stream().map(QueryParams::lowerCaseKeys).toList();
        StringBuilder t = new StringBuilder("📊 <b>주간 판단 성적표</b>\n");
        Map<String, Object> all = tally(rows);
        t.append("채점 ").append(all.get("scored")).append("건 · 적중률 ").append(pct(all.get("hit_rate")))
                .append(" · 데이터 부족 ").append(all.get("missing")).append("건\n");
        t.append("\n<b>기간별</b>\n");
        group(rows, r -> String.valueOf(r.get("horizon_days"))).forEach((h, s) ->
                t.append("  • ").append(h).append("일: ").append(pct(((Map<?, ?>) s).get("hit_rate"))).append(" (")
                        .append(((Map<?, ?>) s).get("scored")).append("건)\n"));
        t.append("\n<b>모델별</b>\n");
        group(rows, r -> String.valueOf(r.get("model_name"))).forEach((m, s) ->
                t.append("  • ").append(AlertFormatter.escape(m)).append(": ").append(pct(((Map<?, ?>) s).get("hit_rate")))
                        .append(" (").append(((Map<?, ?>) s).get("scored")).append("건)\n"));
        t.append("\n<b>신뢰도별</b>\n");
        group(rows, Scorecard::band).forEach((b, s) ->
                t.append("  • ").append(AlertFormatter.escape(b)).append(": ").append(pct(((Map<?, ?>) s).get("hit_rate")))
                        .append(" (").append(((Map<?, ?>) s).get("scored")).append("건)\n"));
        return TelegramText.html(chatId, t.toString().stripTrailing());
    }

    public boolean sendsSummary() {
        return !chatId.isEmpty();
    }

    static String band(Map<String, Object> row) {
        return DecisionScorer.confidenceBand(((Number) row.get("confidence")).intValue());
    }

    private static Map<String, Object> group(List<Map<String, Object>> rows, Function<Map<String, Object>, String> key) {
        Map<String, List<Map<String, Object>>> groups = new TreeMap<>();
        rows.forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        Map<String, Object> out = new LinkedHashMap<>();
        groups.forEach((k, rs) -> out.put(k, tally(rs)));
        return out;
    }

    /** scored, hits, hit_rate (null when nothing scored), missing, and how often the ranges would have filled. */
    static Map<String, Object> tally(List<Map<String, Object>> rows) {
        long scored = 0;
        long hits = 0;
        long missing = 0;
        long buyFilled = 0;
        long sellFilled = 0;
        for (Map<String, Object> r : rows) {
            if (Score.SCORED.equals(r.get("status"))) {
                scored++;
                hits += Boolean.TRUE.equals(r.get("hit")) ? 1 : 0;
                buyFilled += Boolean.TRUE.equals(r.get("buy_range_filled")) ? 1 : 0;
                sellFilled += Boolean.TRUE.equals(r.get("sell_range_filled")) ? 1 : 0;
            } else {
                missing++;
            }
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("scored", scored);
        t.put("hits", hits);
        t.put("hit_rate", scored == 0 ? null : Math.round(hits * 10000.0 / scored) / 10000.0);
        t.put("missing", missing);
        t.put("buy_range_fill_rate", scored == 0 ? null : Math.round(buyFilled * 10000.0 / scored) / 10000.0);
        t.put("sell_range_fill_rate", scored == 0 ? null : Math.round(sellFilled * 10000.0 / scored) / 10000.0);
        return t;
    }

    private static String pct(Object rate) {
        return rate == null ? "-" : String.format(Locale.ROOT, "%.1f%%", ((Number) rate).doubleValue() * 100);
    }

    private static double dbl(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }

    /** One scoring run's tally, shared by the split's copies of the exchange. */
    public static final class Run {
        private final java.util.concurrent.atomic.AtomicInteger scored = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger missing = new java.util.concurrent.atomic.AtomicInteger();

        public void count(Score s) {
            (Score.SCORED.equals(s.status()) ? scored : missing).incrementAndGet();
        }

        public int scored() {
            return scored.get();
        }

        public String summary() {
            return scored.get() + " scored, " + missing.get() + " waiting for candles";
        }
    }
}
