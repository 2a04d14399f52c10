package com.autotrader.scorecard;

import com.autotrader.market.Candle;
import com.autotrader.market.Instrument;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the daily candles an analysis fetched anyway, one row per market, symbol and day: days newer than
 * the newest stored are added, and the newest stored day is overwritten (it may have been stored while that
 * day was still trading). So scoring needs no upstream call of its own, and nothing is stored twice.
 * An analysis on a day already stored (every one after the first of the day) costs one statement.
 */
@Component
public class CandleStore {

    private final JdbcTemplate jdbc;

    public CandleStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns how many days were added. */
    public int store(Instrument instrument, List<Candle> daily) {
        Map<LocalDate, Candle> byDay = new LinkedHashMap<>();
        daily.forEach(c -> byDay.put(c.time().toLocalDate(), c));   // oldest first: a later bar of a day wins
        if (byDay.isEmpty()) {
            return 0;
        }
        // The usual case, an analysis on a day already stored: the newest stored day is the newest fetched one,
        // so there is nothing to add and only that day to overwrite. One statement does it, and does nothing
        // unless that day is the newest stored (then the general path below runs, exactly as without it).
        LocalDate newestFetched = Collections.max(byDay.keySet());
        Candle today = byDay.get(newestFetched);
        int overwritten = jdbc.update("""
                UPDATE candles SET open_price = ?, high_price = ?, low_price = ?, close_price = ?, volume = ?,
                       updated_at = CURRENT_TIMESTAMP
                WHERE market = ? AND symbol = ? AND trade_date = ?
                  AND trade_date = (SELECT MAX(trade_date) FROM candles WHERE market = ? AND symbol = ?)""",
                dec(today.open()), dec(today.high()), dec(today.low()), dec(today.close()), dec(today.volume()),
                instrument.market(), instrument.symbol(), Date.valueOf(newestFetched),
                instrument.market(), instrument.symbol());
        if (overwritten > 0) {
            return 0;
        }
        Date latest = jdbc.queryForObject("SELECT MAX(trade_date) FROM candles WHERE market = ? AND symbol = ?",
                Date.class, instrument.market(), instrument.symbol());
        LocalDate newest = latest == null ? null : latest.toLocalDate();
        List<Object[]> inserts = new ArrayList<>();
        for (Map.Entry<LocalDate, Candle> e : byDay.entrySet()) {
            Candle c = e.getValue();
            if (newest != null && e.getKey().equals(newest)) {
                jdbc.update("""
                        UPDATE candles SET open_price = ?, high_price = ?, low_price = ?, close_price = ?, volume = ?,
                               updated_at = CURRENT_TIMESTAMP
                        WHERE market = ? AND symbol = ? AND trade_date = ?""",
                        dec(c.open()), dec(c.high()), dec(c.low()), dec(c.close()), dec(c.volume()),
                        instrument.market(), instrument.symbol(), Date.valueOf(e.getKey()));
            } else if (newest == null || e.getKey().isAfter(newest)) {
                inserts.add(new Object[] {instrument.market(), instrument.symbol(), Date.valueOf(e.getKey()),
                        dec(c.open()), dec(c.high()), dec(c.low()), dec(c.close()), dec(c.volume())});
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO candles (market, symbol, trade_date, open_price, high_price, low_price, close_price, volume)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
        }
        return inserts.size();
    }

    private static BigDecimal dec(double v) {
        return BigDecimal.valueOf(v);
    }
}
