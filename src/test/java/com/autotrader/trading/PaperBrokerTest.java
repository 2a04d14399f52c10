package com.autotrader.trading;

import com.autotrader.support.TradingDatabase;
import com.autotrader.support.TradingDatabase.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The paper broker against real databases: H2 in PostgreSQL mode and an embedded PostgreSQL. */
class PaperBrokerTest {

    private static final BigDecimal INITIAL_KRW = new BigDecimal("1000000");
    private static final BigDecimal FEE = new BigDecimal("0.0005");

    private TradingDatabase db;
    private NamedParameterJdbcTemplate jdbc;
    private PaperBroker broker;
    private long analysisId;

    private void open(Engine engine) {
        this.db = TradingDatabase.open(engine);
        this.jdbc = db.jdbc();
        this.broker = new PaperBroker(jdbc, db.tx(), INITIAL_KRW, FEE, new BigDecimal("5000"));
        this.analysisId = db.analysisId();
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    /** What the journal writes before the broker hears of an order: a 'new' row. */
    private PlannedOrder journaled(Side side, int leg, String price, String volume) {
        PlannedOrder order = new PlannedOrder("KRW-BTC", side, leg, new BigDecimal(price), new BigDecimal(volume),
                PlannedOrder.identifierFor(analysisId, side, leg));
        jdbc.update("""
                INSERT INTO orders (identifier, mode, market, side, ord_type, price, volume, state, fee_rate, analysis_id, leg)
                VALUES (:i, 'paper', :m, :s, 'limit', :p, :v, 'new', :f, :a, :l)""",
                new MapSqlParameterSource().addValue("i", order.identifier()).addValue("m", order.market())
                        .addValue("s", side.upbit()).addValue("p", order.price()).addValue("v", order.volume())
                        .addValue("f", FEE).addValue("a", analysisId).addValue("l", leg));
        return order;
    }

    private Map<String, Object> row(PlannedOrder order) {
        return jdbc.queryForMap("SELECT * FROM orders WHERE identifier = :i", Map.of("i", order.identifier()));
    }

    private void assertHolding(String currency, String balance, String locked) {
        Holding h = broker.holding(currency);
        assertThat(h.balance()).as("%s balance", currency).isEqualByComparingTo(balance);
        assertThat(h.locked()).as("%s locked", currency).isEqualByComparingTo(locked);
    }

    /** Buys 0.0005 BTC at 100,000,000 and fills it: 950,000 − 25 fee KRW left, 0.0005 BTC held. */
    private void ownHalfAThousandthBitcoin() {
        broker.place(journaled(Side.BID, 90, "100000000", "0.0005"));
        assertThat(broker.settle("KRW-BTC", new BigDecimal("100000000"))).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aFreshAccountIsFundedOnceWithTheInitialKrw(Engine engine) {
        open(engine);

        assertHolding("KRW", "1000000", "0");
        assertThat(broker.holdings()).extracting(Holding::currency).containsExactly("KRW");
        assertThat(broker.holding("BTC").isHeld()).isFalse();

        broker.place(journaled(Side.BID, 1, "100000000", "0.0001"));
        // asking again does not top the account up
        assertHolding("KRW", "989995", "10005");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM paper_balances WHERE currency = 'KRW'", Map.of(), Integer.class))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aBidHoldsPriceTimesVolumeWithTheFee(Engine engine) {
        open(engine);
        PlannedOrder bid = journaled(Side.BID, 1, "100000000", "0.0005");

        OrderState placed = broker.place(bid);

        assertThat(placed.state()).isEqualTo("wait");
        assertThat(placed.uuid()).startsWith("paper-");
        assertThat(placed.identifier()).isEqualTo(bid.identifier());
        assertThat(placed.executedVolume()).isEqualByComparingTo("0");
        // 100,000,000 × 0.0005 = 50,000 plus 0.05% = 50,025
        assertHolding("KRW", "949975", "50025");
        Map<String, Object> row = row(bid);
        assertThat(row.get("state")).isEqualTo("wait");
        assertThat(row.get("uuid")).isEqualTo(placed.uuid());
        assertThat((BigDecimal) row.get("reserved")).isEqualByComparingTo("50025");
        assertThat(broker.openMarkets()).containsExactly("KRW-BTC");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aBidTheBalanceCannotCoverChangesNothing(Engine engine) {
        open(engine);
        PlannedOrder bid = journaled(Side.BID, 1, "100000000", "0.01");

        InsufficientFundsException e = catchThrowableOfType(() -> broker.place(bid), InsufficientFundsException.class);

        assertThat(e).isNotNull();
        assertThat(e.currency()).isEqualTo("KRW");
        assertThat(e.available()).isEqualByComparingTo("1000000");
        assertThat(e.required()).isEqualByComparingTo("1000500");
        assertHolding("KRW", "1000000", "0");
        Map<String, Object> row = row(bid);
        assertThat(row.get("state")).isEqualTo("new");
        assertThat(row.get("uuid")).isNull();
        assertThat((BigDecimal) row.get("reserved")).isEqualByComparingTo("0");
        assertThat(broker.openMarkets()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aPriceAboveTheBidFillsNothing(Engine engine) {
        open(engine);
        PlannedOrder bid = journaled(Side.BID, 1, "100000000", "0.0005");
        broker.place(bid);

        assertThat(broker.settle("KRW-BTC", new BigDecimal("100000001"))).isEmpty();
        assertThat(broker.settle("KRW-ETH", new BigDecimal("1"))).isEmpty();

        assertHolding("KRW", "949975", "50025");
        assertThat(broker.holding("BTC").isHeld()).isFalse();
        assertThat(row(bid).get("state")).isEqualTo("wait");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aBidFillsAtItsPriceOnceTheTickerReachesIt(Engine engine) {
        open(engine);
        PlannedOrder bid = journaled(Side.BID, 1, "100000000", "0.0005");
        broker.place(bid);

        List<OrderState> filled = broker.settle("KRW-BTC", new BigDecimal("99000000"));

        assertThat(filled).singleElement().satisfies(o -> {
            assertThat(o.identifier()).isEqualTo(bid.identifier());
            assertThat(o.state()).isEqualTo("done");
            assertThat(o.executedVolume()).isEqualByComparingTo("0.0005");
        });
        // paid at its own limit price, not the lower ticker: the fee was held and spent
        assertHolding("KRW", "949975", "0");
        Holding btc = broker.holding("BTC");
        assertThat(btc.balance()).isEqualByComparingTo("0.0005");
        assertThat(btc.locked()).isEqualByComparingTo("0");
        assertThat(btc.avgBuyPrice()).isEqualByComparingTo("100000000");
        Map<String, Object> row = row(bid);
        assertThat(row.get("state")).isEqualTo("done");
        assertThat((BigDecimal) row.get("executed_volume")).isEqualByComparingTo("0.0005");
        assertThat((BigDecimal) row.get("reserved")).isEqualByComparingTo("0");
        assertThat(broker.openMarkets()).isEmpty();
        // settled once only
        assertThat(broker.settle("KRW-BTC", new BigDecimal("99000000"))).isEmpty();
        assertThat(broker.holding("BTC").balance()).isEqualByComparingTo("0.0005");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aBidFillsAtExactlyItsPrice(Engine engine) {
        open(engine);
        broker.place(journaled(Side.BID, 1, "100000000", "0.0005"));

        assertThat(broker.settle("KRW-BTC", new BigDecimal("100000000"))).hasSize(1);
        assertThat(broker.holding("BTC").balance()).isEqualByComparingTo("0.0005");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSecondFillAveragesTheBuyPrice(Engine engine) {
        open(engine);
        broker.place(journaled(Side.BID, 1, "100000000", "0.0005"));
        broker.place(journaled(Side.BID, 2, "80000000", "0.0015"));

        assertThat(broker.settle("KRW-BTC", new BigDecimal("100000000"))).extracting(OrderState::price)
                .singleElement().satisfies(p -> assertThat(p).isEqualByComparingTo("100000000"));
        assertThat(broker.settle("KRW-BTC", new BigDecimal("80000000"))).extracting(OrderState::price)
                .singleElement().satisfies(p -> assertThat(p).isEqualByComparingTo("80000000"));

        Holding btc = broker.holding("BTC");
        assertThat(btc.balance()).isEqualByComparingTo("0.002");
        // (50,000 + 120,000) / 0.002 = 85,000,000
        assertThat(btc.avgBuyPrice()).isEqualByComparingTo("85000000");
        // 1,000,000 − 50,025 − 120,060
        assertHolding("KRW", "829915", "0");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oneSettleFillsEveryCrossedOrderAndAveragesThemAll(Engine engine) {
        open(engine);
        broker.place(journaled(Side.BID, 1, "100000000", "0.0005"));
        broker.place(journaled(Side.BID, 2, "90000000", "0.0005"));
        broker.place(journaled(Side.BID, 3, "80000000", "0.0005"));

        assertThat(broker.settle("KRW-BTC", new BigDecimal("85000000"))).hasSize(2);

        Holding btc = broker.holding("BTC");
        assertThat(btc.balance()).isEqualByComparingTo("0.001");
        assertThat(btc.avgBuyPrice()).isEqualByComparingTo("95000000");
        // 50,025 + 45,022.5 spent, 40,020 still held by the 80,000,000 bid
        assertHolding("KRW", "864932.5", "40020");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anAskHoldsTheCoinAndSettlesIntoKrwLessTheFee(Engine engine) {
        open(engine);
        ownHalfAThousandthBitcoin();
        PlannedOrder ask = journaled(Side.ASK, 1, "110000000", "0.0005");

        OrderState placed = broker.place(ask);

        assertThat(placed.state()).isEqualTo("wait");
        assertHolding("BTC", "0", "0.0005");
        assertThat((BigDecimal) row(ask).get("reserved")).isEqualByComparingTo("0.0005");
        assertThat(broker.settle("KRW-BTC", new BigDecimal("109999000"))).isEmpty();

        assertThat(broker.settle("KRW-BTC", new BigDecimal("110000000"))).singleElement()
                .satisfies(o -> assertThat(o.side()).isEqualTo(Side.ASK));

        assertHolding("BTC", "0", "0");
        // 949,975 + 55,000 × 0.9995
        assertHolding("KRW", "1004947.5", "0");
        assertThat(row(ask).get("state")).isEqualTo("done");
        assertThat((BigDecimal) row(ask).get("executed_volume")).isEqualByComparingTo("0.0005");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anAskForMoreThanIsHeldChangesNothing(Engine engine) {
        open(engine);
        ownHalfAThousandthBitcoin();
        PlannedOrder ask = journaled(Side.ASK, 1, "110000000", "0.0006");

        InsufficientFundsException e = catchThrowableOfType(() -> broker.place(ask), InsufficientFundsException.class);

        assertThat(e).isNotNull();
        assertThat(e.currency()).isEqualTo("BTC");
        assertThat(e.available()).isEqualByComparingTo("0.0005");
        assertThat(e.required()).isEqualByComparingTo("0.0006");
        assertHolding("BTC", "0.0005", "0");
        assertThat(row(ask).get("state")).isEqualTo("new");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void cancellingABidReleasesExactlyWhatItHeld(Engine engine) {
        open(engine);
        PlannedOrder kept = journaled(Side.BID, 1, "90000000", "0.0001");
        PlannedOrder cancelled = journaled(Side.BID, 2, "100000000", "0.0005");
        broker.place(kept);
        broker.place(cancelled);
        // 9,004.5 + 50,025 held
        assertHolding("KRW", "940970.5", "59029.5");

        OrderState answer = broker.cancel(cancelled.identifier());

        assertThat(answer.state()).isEqualTo("cancel");
        assertThat(answer.identifier()).isEqualTo(cancelled.identifier());
        assertHolding("KRW", "990995.5", "9004.5");
        Map<String, Object> row = row(cancelled);
        assertThat(row.get("state")).isEqualTo("cancel");
        assertThat((BigDecimal) row.get("reserved")).isEqualByComparingTo("0");
        assertThat(row(kept).get("state")).isEqualTo("wait");

        // a second cancel finds it no longer open and releases nothing more
        assertThat(broker.cancel(cancelled.identifier()).state()).isEqualTo("cancel");
        assertHolding("KRW", "990995.5", "9004.5");
        // and a cancelled order is never filled
        assertThat(broker.settle("KRW-BTC", new BigDecimal("1"))).extracting(OrderState::identifier)
                .containsExactly(kept.identifier());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void cancellingAnAskReturnsTheCoin(Engine engine) {
        open(engine);
        ownHalfAThousandthBitcoin();
        PlannedOrder ask = journaled(Side.ASK, 1, "110000000", "0.0002");
        broker.place(ask);
        assertHolding("BTC", "0.0003", "0.0002");

        broker.cancel(ask.identifier());

        assertHolding("BTC", "0.0005", "0");
        assertHolding("KRW", "949975", "0");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void cancellingADoneOrderChangesNothing(Engine engine) {
        open(engine);
        PlannedOrder bid = journaled(Side.BID, 1, "100000000", "0.0005");
        broker.place(bid);
        broker.settle("KRW-BTC", new BigDecimal("100000000"));

        OrderState answer = broker.cancel(bid.identifier());

        assertThat(answer.state()).isEqualTo("done");
        assertThat(answer.executedVolume()).isEqualByComparingTo("0.0005");
        assertHolding("KRW", "949975", "0");
        assertHolding("BTC", "0.0005", "0");
        assertThat(row(bid).get("state")).isEqualTo("done");
    }
}
