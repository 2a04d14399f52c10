package com.autotrader.trading;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The paper broker: plays Upbit's private API against the database. Placing a limit order holds its funds
 * (KRW with the fee for a bid, the coin for an ask); settling fills the open orders the ticker has crossed;
 * cancelling releases what an order holds. Every change is one transaction over paper_balances and orders.
 */
@Component
public class PaperBroker {

    private static final int SCALE = 8;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final BigDecimal initialKrw;
    private final MarketRules rules;

    public PaperBroker(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx,
                       @Value("${trading.paper.initial-krw}") BigDecimal initialKrw,
                       @Value("${trading.paper.fee}") BigDecimal fee,
                       @Value("${trading.paper.min-total}") BigDecimal minTotal) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.initialKrw = initialKrw;
        this.rules = new MarketRules(fee, fee, minTotal);
    }

    /** The fees and minimum order total the paper broker applies to every market. */
    public MarketRules rules(String market) {
        return rules;
    }

    public Holding holding(String currency) {
        fund();
        List<Holding> found = jdbc.query("SELECT * FROM paper_balances WHERE currency = :c", Map.of("c", currency),
                (rs, i) -> holding(rs));
        return found.isEmpty() ? Holding.empty(currency) : found.get(0);
    }

    public List<Holding> holdings() {
        fund();
        return jdbc.query("SELECT * FROM paper_balances ORDER BY CASE WHEN currency = 'KRW' THEN 0 ELSE 1 END, currency",
                Map.of(), (rs, i) -> holding(rs));
    }

    /** Holds the order's funds and opens it; the journal row (state 'new') must exist. */
    public OrderState place(PlannedOrder order) {
        return tx.execute(status -> {
            fund();
            String currency = order.side() == Side.BID ? "KRW" : currency(order.market());
            BigDecimal reserved = order.side() == Side.BID
                    ? order.price().multiply(order.volume()).multiply(BigDecimal.ONE.add(rules.bidFee()))
                        .setScale(SCALE, RoundingMode.CEILING)
                    : order.volume();
            String uuid = "paper-" + UUID.randomUUID();
            // the order row first, then the balance: the same lock order as cancel and settle, so they never deadlock
            int opened = jdbc.update("""
                    UPDATE orders SET uuid = :uuid, state = 'wait', reserved = :reserved, updated_at = :at
                    WHERE identifier = :identifier AND state = 'new'""",
                    new MapSqlParameterSource().addValue("uuid", uuid).addValue("reserved", reserved)
                            .addValue("at", now()).addValue("identifier", order.identifier()));
            if (opened != 1) {
                // placed twice, or never journaled: holding funds for it would lock them for good
                throw new TradingException("OrderNotJournaled", order.side(), "paper order " + order.identifier()
                        + " is not a new journal entry; nothing was held");
            }
            Holding h = locked(currency);
            if (h.balance().compareTo(reserved) < 0) {
                throw new InsufficientFundsException(order.side(), currency, h.balance(), reserved);
            }
            move(currency, reserved.negate(), reserved);
            return new OrderState(uuid, order.identifier(), order.market(), order.side(), "wait",
                    order.price(), order.volume(), BigDecimal.ZERO);
        });
    }

    /** Cancels an open paper order and releases what it holds; an order no longer open is returned as it is. */
    public OrderState cancel(String identifier) {
        return tx.execute(status -> {
            Map<String, Object> row = jdbc.queryForMap("SELECT * FROM orders WHERE identifier = :i FOR UPDATE",
                    Map.of("i", identifier));
            OrderState current = state(row);
            if (!"wait".equals(current.state())) {
                return current;
            }
            BigDecimal reserved = (BigDecimal) row.get("reserved");
            String currency = current.side() == Side.BID ? "KRW" : currency(current.market());
            locked(currency);
            move(currency, reserved, reserved.negate());
            jdbc.update("UPDATE orders SET state = 'cancel', reserved = 0, updated_at = :at WHERE identifier = :i",
                    Map.of("at", now(), "i", identifier));
            return new OrderState(current.uuid(), identifier, current.market(), current.side(), "cancel",
                    current.price(), current.volume(), current.executedVolume());
        });
    }

    /** Markets with open paper orders: the ones whose ticker settle needs. */
    public List<String> openMarkets() {
        return jdbc.queryForList("SELECT DISTINCT market FROM orders WHERE mode = 'paper' AND state = 'wait' ORDER BY market",
                Map.of(), String.class);
    }

    /** Fills every open paper order on {@code market} that {@code tradePrice} has reached. */
    public List<OrderState> settle(String market, BigDecimal tradePrice) {
        return tx.execute(status -> {
            List<Map<String, Object>> open = jdbc.queryForList("""
                    SELECT * FROM orders WHERE mode = 'paper' AND state = 'wait' AND market = :m
                      AND ((side = 'bid' AND price >= :p) OR (side = 'ask' AND price <= :p))
                    ORDER BY id FOR UPDATE""", Map.of("m", market, "p", tradePrice));
            List<OrderState> filled = new ArrayList<>();
            String coin = currency(market);
            for (Map<String, Object> row : open) {
                OrderState o = state(row);
                BigDecimal reserved = (BigDecimal) row.get("reserved");
                BigDecimal fee = (BigDecimal) row.get("fee_rate");
                BigDecimal value = o.price().multiply(o.volume());
                locked("KRW");
                Holding c = locked(coin);
                if (o.side() == Side.BID) {
                    // the buy paid price × volume + fee out of what it held; anything held beyond that comes back
                    BigDecimal paid = value.multiply(BigDecimal.ONE.add(fee));
                    move("KRW", reserved.subtract(paid).max(BigDecimal.ZERO), reserved.negate());
                    BigDecimal held = c.balance().add(c.locked());
                    BigDecimal avg = c.avgBuyPrice().multiply(held).add(value)
                            .divide(held.add(o.volume()), SCALE, RoundingMode.HALF_UP);
                    move(coin, o.volume(), BigDecimal.ZERO);
                    jdbc.update("UPDATE paper_balances SET avg_buy_price = :avg WHERE currency = :c",
                            Map.of("avg", avg, "c", coin));
                } else {
                    move(coin, BigDecimal.ZERO, reserved.negate());
                    move("KRW", value.multiply(BigDecimal.ONE.subtract(fee)).setScale(SCALE, RoundingMode.FLOOR),
                            BigDecimal.ZERO);
                }
                jdbc.update("""
                        UPDATE orders SET state = 'done', executed_volume = volume, reserved = 0, updated_at = :at
                        WHERE identifier = :i""", Map.of("at", now(), "i", o.identifier()));
                filled.add(new OrderState(o.uuid(), o.identifier(), market, o.side(), "done", o.price(), o.volume(),
                        o.volume()));
            }
            return filled;
        });
    }

    /** The starting KRW of a fresh paper account, written once. */
    private void fund() {
        jdbc.update("""
                INSERT INTO paper_balances (currency, balance, locked, avg_buy_price)
                SELECT 'KRW', :krw, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM paper_balances WHERE currency = 'KRW')""",
                Map.of("krw", initialKrw));
    }

    /** The row of {@code currency}, created empty when missing, locked for this transaction. */
    private Holding locked(String currency) {
        jdbc.update("""
                INSERT INTO paper_balances (currency, balance, locked, avg_buy_price)
                SELECT :c, 0, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM paper_balances WHERE currency = :c)""",
                Map.of("c", currency));
        return jdbc.queryForObject("SELECT * FROM paper_balances WHERE currency = :c FOR UPDATE", Map.of("c", currency),
                (rs, i) -> holding(rs));
    }

    private void move(String currency, BigDecimal toBalance, BigDecimal toLocked) {
        jdbc.update("""
                UPDATE paper_balances SET balance = balance + :b, locked = locked + :l, updated_at = :at
                WHERE currency = :c""",
                Map.of("b", toBalance, "l", toLocked, "at", now(), "c", currency));
    }

    private static Holding holding(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Holding(rs.getString("currency"), rs.getBigDecimal("balance").stripTrailingZeros(),
                rs.getBigDecimal("locked").stripTrailingZeros(), rs.getBigDecimal("avg_buy_price").stripTrailingZeros());
    }

    private static OrderState state(Map<String, Object> row) {
        return new OrderState((String) row.get("uuid"), (String) row.get("identifier"), (String) row.get("market"),
                Side.of((String) row.get("side")), (String) row.get("state"), (BigDecimal) row.get("price"),
                (BigDecimal) row.get("volume"), (BigDecimal) row.get("executed_volume"));
    }

    static String currency(String market) {
        return market.substring(market.indexOf('-') + 1);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
