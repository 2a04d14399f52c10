package com.autotrader.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Statement;

/** Stored analyses with chosen decisions and ranges, and a clean trading state, for the trading tests. */
public final class TradingFixtures {

    private TradingFixtures() {
    }

    /** ranges: appropriate_buy, appropriate_sell, buy_hope, sell_target as {min, max} pairs. */
    public static long analysis(JdbcTemplate jdbc, String market, String name, String decision,
                                double[] buy, double[] sell, double[] hope, double[] target, double price) {
        jdbc.update("""
                INSERT INTO stock_info (market, asset_type, symbol, name)
                SELECT 'upbit', 'crypto', ?, ? WHERE NOT EXISTS
                  (SELECT 1 FROM stock_info WHERE market = 'upbit' AND symbol = ?)""", market, name, market);
        Long stock = jdbc.queryForObject("SELECT id FROM stock_info WHERE market = 'upbit' AND symbol = ?", Long.class, market);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement s = c.prepareStatement("""
                    INSERT INTO stock_analysis_results (stock_info_id, decision, confidence, reasons,
                      appropriate_buy_min, appropriate_buy_max, appropriate_sell_min, appropriate_sell_max,
                      buy_hope_min, buy_hope_max, sell_target_min, sell_target_max, detailed_text, current_price,
                      model_name, prompt, latency_ms)
                    VALUES (?, ?, 80, '["test"]', ?, ?, ?, ?, ?, ?, ?, ?, 'text', ?, 'test-model', 'prompt', 1)""",
                    Statement.RETURN_GENERATED_KEYS);
            s.setLong(1, stock);
            s.setString(2, decision);
            double[][] ranges = {buy, sell, hope, target};
            int i = 3;
            for (double[] r : ranges) {
                s.setBigDecimal(i++, BigDecimal.valueOf(r[0]));
                s.setBigDecimal(i++, BigDecimal.valueOf(r[1]));
            }
            s.setBigDecimal(i, BigDecimal.valueOf(price));
            return s;
        }, key);
        return ((Number) key.getKeys().get("id")).longValue();
    }

    public static long buy(JdbcTemplate jdbc, String market, double[] buy, double[] hope, double price) {
        return analysis(jdbc, market, "비트코인", "buy", buy, new double[]{price * 1.1, price * 1.2}, hope,
                new double[]{price * 1.2, price * 1.3}, price);
    }

    public static long sell(JdbcTemplate jdbc, String market, double[] sell, double[] target, double price) {
        return analysis(jdbc, market, "비트코인", "sell", new double[]{price * 0.9, price * 0.95}, sell,
                new double[]{price * 0.8, price * 0.9}, target, price);
    }

    /** No orders, a fresh paper account, trading not paused. */
    public static void reset(JdbcTemplate jdbc) {
        jdbc.update("DELETE FROM orders");
        jdbc.update("DELETE FROM paper_balances");
        jdbc.update("UPDATE trading_control SET paused = FALSE, changed_by = 'test'");
    }
}
