package com.autotrader.scorecard;

import com.autotrader.market.Candle;
import com.autotrader.market.Instrument;
import com.autotrader.support.TradingDatabase;
import com.autotrader.support.TradingDatabase.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the candle store keeps, on both engines: new days added, the newest stored day overwritten, nothing else touched. */
class CandleStoreTest {

    private static final Instrument BTC = Instrument.upbit("KRW-BTC", "비트코인");
    private static final LocalDate DAY1 = LocalDate.of(2026, 3, 1);

    private TradingDatabase db;
    private JdbcTemplate jdbc;
    private CandleStore store;

    private void open(Engine engine) {
        db = TradingDatabase.open(engine);
        jdbc = new JdbcTemplate(db.dataSource());
        store = new CandleStore(jdbc);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    /** Days DAY1 + from … DAY1 + to (inclusive), each closing at base + its index. */
    private static List<Candle> days(int from, int to, double base) {
        List<Candle> candles = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            double close = base + i;
            candles.add(new Candle(LocalDateTime.of(DAY1.plusDays(i), java.time.LocalTime.of(9, 0)),
                    close - 1, close + 2, close - 2, close, 10 + i));
        }
        return candles;
    }

    private Map<LocalDate, Double> closes() {
        Map<LocalDate, Double> closes = new java.util.TreeMap<>();
        jdbc.query("SELECT trade_date, close_price FROM candles WHERE market = 'upbit' AND symbol = 'KRW-BTC'",
                rs -> {
                    closes.put(rs.getDate(1).toLocalDate(), rs.getBigDecimal(2).doubleValue());
                });
        return closes;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aFirstStoreAddsEveryDay(Engine engine) {
        open(engine);

        assertThat(store.store(BTC, days(0, 4, 100))).isEqualTo(5);

        assertThat(closes()).hasSize(5).containsEntry(DAY1, 100.0).containsEntry(DAY1.plusDays(4), 104.0);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theSameDayAgainOverwritesOnlyTheNewestStoredDay(Engine engine) {
        open(engine);
        store.store(BTC, days(0, 4, 100));

        // later the same day: every bar moved, but only the newest (still trading) day is rewritten
        assertThat(store.store(BTC, days(0, 4, 200))).isZero();

        assertThat(closes()).hasSize(5).containsEntry(DAY1, 100.0).containsEntry(DAY1.plusDays(3), 103.0)
                .containsEntry(DAY1.plusDays(4), 204.0);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aNewDayOverwritesTheNewestStoredDayAndAddsTheNewOnes(Engine engine) {
        open(engine);
        store.store(BTC, days(0, 4, 100));

        assertThat(store.store(BTC, days(2, 6, 300))).isEqualTo(2);

        assertThat(closes()).hasSize(7).containsEntry(DAY1.plusDays(3), 103.0)
                .containsEntry(DAY1.plusDays(4), 304.0).containsEntry(DAY1.plusDays(5), 305.0)
                .containsEntry(DAY1.plusDays(6), 306.0);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void olderBarsThanTheNewestStoredChangeNothing(Engine engine) {
        open(engine);
        store.store(BTC, days(0, 4, 100));

        assertThat(store.store(BTC, days(0, 3, 400))).isZero();

        assertThat(closes()).hasSize(5).containsEntry(DAY1.plusDays(3), 103.0).containsEntry(DAY1.plusDays(4), 104.0);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void otherSymbolsAreTheirOwn(Engine engine) {
        open(engine);
        store.store(BTC, days(0, 4, 100));

        assertThat(store.store(Instrument.upbit("KRW-ETH", "이더리움"), days(0, 4, 500))).isEqualTo(5);
        assertThat(store.store(BTC, days(0, 4, 600))).isZero();

        assertThat(closes()).containsEntry(DAY1.plusDays(3), 103.0).containsEntry(DAY1.plusDays(4), 604.0);
        assertThat(jdbc.queryForObject("SELECT close_price FROM candles WHERE symbol = 'KRW-ETH' AND trade_date = ?",
                Double.class, java.sql.Date.valueOf(DAY1.plusDays(4)))).isEqualTo(504.0);
    }
}
