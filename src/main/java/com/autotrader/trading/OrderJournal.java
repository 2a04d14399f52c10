package com.autotrader.trading;

import com.autotrader.alerting.Secrets;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The orders table and the kill switch. Writing a plan's orders and pausing both lock the one
 * trading_control row, so the switch and the daily cap hold under concurrent triggers and across instances:
 * once pause has answered, no order can be written, and an order is written before any broker hears of it.
 */
@Component
public class OrderJournal {

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final String LOCK = "SELECT paused, changed_at, changed_by FROM trading_control WHERE id = 1 FOR UPDATE";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TradingSettings settings;
    private final Clock clock;

    public OrderJournal(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, TradingSettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.settings = settings;
        this.clock = Clock.system(KST);
    }

    /** The kill switch: {paused, changed_at, changed_by}. */
    public Map<String, Object> control() {
        return jdbc.queryForMap("SELECT paused, changed_at, changed_by FROM trading_control WHERE id = 1", Map.of());
    }

    public boolean paused() {
        return Boolean.TRUE.equals(control().get("paused"));
    }

    /** Flips the switch; waits for any plan being written, so nothing is written after this returns. */
    public Map<String, Object> setPaused(boolean paused, String by) {
        return tx.execute(status -> {
            jdbc.queryForMap(LOCK, Map.of());
            jdbc.update("UPDATE trading_control SET paused = :paused, changed_at = :at, changed_by = :by WHERE id = 1",
                    new MapSqlParameterSource().addValue("paused", paused)
                            .addValue("at", Timestamp.from(clock.instant()))
                            .addValue("by", by == null || by.isBlank() ? "unknown" : by.strip()));
            return control();
        });
    }

    /**
     * Writes a plan's legs as 'new' orders unless trading is paused or the buy would pass the daily cap; legs
     * whose identifier is already there (the same analysis placed before) are left out. Returns what was written.
     */
    public List<PlannedOrder> record(OrderPlan plan, BigDecimal feeRate, String traceId) {
        return tx.execute(status -> {
            Map<String, Object> control = jdbc.queryForMap(LOCK, Map.of());
            if (Boolean.TRUE.equals(control.get("paused"))) {
                throw new TradingException("TradingPaused", plan.side(), "trading is paused (by "
                        + control.get("changed_by") + "); no order was placed for " + plan.market());
            }
            java.util.Set<String> written = written(plan);
            List<PlannedOrder> fresh = plan.legs().stream().filter(l -> !written.contains(l.identifier())).toList();
            if (plan.side() == Side.BID && !fresh.isEmpty()) {
                BigDecimal spent = spentToday();
                BigDecimal planned = fresh.stream().map(PlannedOrder::total).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (spent.add(planned).compareTo(settings.maxDailyKrw()) > 0) {
                    throw new TradingException("DailyCapExceeded", Side.BID, "buys today " + TradeAmounts.won(spent)
                            + " + this plan " + TradeAmounts.won(planned) + " would pass TRADING_MAX_DAILY_KRW "
                            + TradeAmounts.won(settings.maxDailyKrw()) + "; no order was placed for " + plan.market());
                }
            }
            for (PlannedOrder leg : fresh) {
                jdbc.update("""
                        INSERT INTO orders (identifier, mode, market, side, ord_type, price, volume, state, fee_rate,
                                            analysis_id, leg, trace_id, created_at, updated_at)
                        VALUES (:identifier, :mode, :market, :side, 'limit', :price, :volume, 'new', :fee,
                                :analysis, :leg, :trace, :at, :at)""",
                        new MapSqlParameterSource().addValue("identifier", leg.identifier())
                                .addValue("mode", settings.mode()).addValue("market", leg.market())
                                .addValue("side", leg.side().upbit()).addValue("price", leg.price())
                                .addValue("volume", leg.volume()).addValue("fee", feeRate)
                                .addValue("analysis", plan.analysisId()).addValue("leg", leg.leg())
                                .addValue("trace", traceId).addValue("at", Timestamp.from(clock.instant())));
            }
            return fresh;
        });
    }

    /**
     * Whether every leg of the plan is in the journal already: the same analysis traded again (a retry, a
     * second trigger). Such a run stops before cancelling anything, so it never undoes its own orders.
     */
    public boolean placedBefore(OrderPlan plan) {
        return !plan.isEmpty() && written(plan).size() == plan.legs().size();
    }

    /** The identifiers of the plan's legs already in the journal: one query, not one per leg. */
    private java.util.Set<String> written(OrderPlan plan) {
        if (plan.isEmpty()) {
            return java.util.Set.of();
        }
        return java.util.Set.copyOf(jdbc.queryForList("SELECT identifier FROM orders WHERE identifier IN (:ids)",
                Map.of("ids", plan.legs().stream().map(PlannedOrder::identifier).toList()), String.class));
    }

    /** KRW the buys written today (Asia/Seoul, this mode) hold or spent: cancelled ones count what filled, failed ones nothing. */
    public BigDecimal spentToday() {
        Instant dayStart = LocalDate.now(clock).atStartOfDay(KST).toInstant();
        BigDecimal spent = jdbc.queryForObject("""
                SELECT COALESCE(SUM(CASE WHEN state = 'cancel' THEN price * executed_volume
                                         WHEN state = 'failed' THEN 0 ELSE price * volume END), 0)
                FROM orders WHERE side = 'bid' AND mode = :mode AND created_at >= :start""",
                Map.of("start", Timestamp.from(dayStart), "mode", settings.mode()), BigDecimal.class);
        return spent == null ? BigDecimal.ZERO : spent;
    }

    /** The broker's answer for a written order. */
    public void acknowledged(String identifier, OrderState state) {
        jdbc.update("""
                UPDATE orders SET uuid = :uuid, state = :state, executed_volume = :executed, updated_at = :at
                WHERE identifier = :identifier""",
                new MapSqlParameterSource().addValue("uuid", state.uuid()).addValue("state", state.state())
                        .addValue("executed", state.executedVolume() == null ? BigDecimal.ZERO : state.executedVolume())
                        .addValue("at", Timestamp.from(clock.instant())).addValue("identifier", identifier));
    }

    /** A written order the broker refused or never confirmed: kept, with why, and never tried again. */
    public void failed(String identifier, Throwable failure) {
        Throwable why = TradingException.unwrap(failure);
        String kind = why instanceof TradingException trade ? trade.reason() : why.getClass().getSimpleName();
        String message = kind + ": " + Secrets.mask(String.valueOf(why.getMessage()));
        // an order Upbit never confirmed may still exist: 'unknown' keeps it counted against the daily cap
        String state = why instanceof OrderUnconfirmedException ? "unknown" : "failed";
        jdbc.update("UPDATE orders SET state = :state, error = :error, updated_at = :at WHERE identifier = :identifier",
                new MapSqlParameterSource().addValue("state", state).addValue("error", message.length() > 300 ? message.substring(0, 300) : message)
                        .addValue("at", Timestamp.from(clock.instant())).addValue("identifier", identifier));
    }

    /** This app's open orders on a market in the current mode: the ones to cancel before placing new ones. */
    public List<OrderState> openOrders(String market) {
        return jdbc.query("""
                SELECT * FROM orders WHERE market = :market AND mode = :mode AND state IN ('wait', 'watch')
                ORDER BY id""",
                Map.of("market", market, "mode", settings.mode()),
                (rs, i) -> new OrderState(rs.getString("uuid"), rs.getString("identifier"), rs.getString("market"),
                        Side.of(rs.getString("side")), rs.getString("state"), rs.getBigDecimal("price"),
                        rs.getBigDecimal("volume"), rs.getBigDecimal("executed_volume")));
    }

    /** Today's buys and the caps, for the status view. */
    public Map<String, Object> today() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("bought_krw", spentToday());
        t.put("max_daily_krw", settings.maxDailyKrw());
        t.put("max_order_krw", settings.maxOrderKrw());
        return t;
    }
}
