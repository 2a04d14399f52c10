package com.autotrader.trading;

import com.autotrader.support.TradingDatabase;
import com.autotrader.support.TradingDatabase.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The orders table and the kill switch against real databases: H2 in PostgreSQL mode and an embedded PostgreSQL. */
class OrderJournalTest {

    private static final BigDecimal FEE = new BigDecimal("0.0005");

    private TradingDatabase db;
    private NamedParameterJdbcTemplate jdbc;
    private TransactionTemplate tx;
    private long analysisId;

    private void open(Engine engine) {
        this.db = TradingDatabase.open(engine);
        this.jdbc = db.jdbc();
        this.tx = db.tx();
        this.analysisId = db.analysisId();
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private OrderJournal journal(String mode, String maxDailyKrw) {
        return new OrderJournal(jdbc, tx, new TradingSettings(mode, true, new BigDecimal("50000"),
                new BigDecimal(maxDailyKrw), "KRW-BTC"));
    }

    private OrderJournal paper() {
        return journal("paper", "300000");
    }

    private PlannedOrder leg(String market, Side side, int leg, String price, String volume) {
        return new PlannedOrder(market, side, leg, new BigDecimal(price), new BigDecimal(volume),
                PlannedOrder.identifierFor(analysisId, side, leg));
    }

    private PlannedOrder bid(int leg, String volume) {
        return leg("KRW-BTC", Side.BID, leg, "100000000", volume);
    }

    private OrderPlan plan(Side side, PlannedOrder... legs) {
        return new OrderPlan(analysisId, "KRW-BTC", side, List.of(legs), "test");
    }

    private int orderCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM orders", Map.of(), Integer.class);
    }

    private Map<String, Object> row(PlannedOrder order) {
        return jdbc.queryForMap("SELECT * FROM orders WHERE identifier = :i", Map.of("i", order.identifier()));
    }

    private static OrderState answer(PlannedOrder o, String state, String executed) {
        return new OrderState("u-" + o.leg(), o.identifier(), o.market(), o.side(), state, o.price(), o.volume(),
                new BigDecimal(executed));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void recordWritesEveryLegAsANewOrder(Engine engine) {
        open(engine);
        OrderJournal journal = paper();
        PlannedOrder first = bid(1, "0.0002");
        PlannedOrder second = leg("KRW-BTC", Side.BID, 2, "99000000", "0.0003");

        List<PlannedOrder> written = journal.record(plan(Side.BID, first, second), FEE, "0af7651916cd43dd8448eb211c80319c");

        assertThat(written).containsExactly(first, second);
        assertThat(orderCount()).isEqualTo(2);
        Map<String, Object> row = row(second);
        assertThat(row.get("identifier")).isEqualTo("autotrader-" + analysisId + "-bid-2");
        assertThat(row.get("state")).isEqualTo("new");
        assertThat(row.get("mode")).isEqualTo("paper");
        assertThat(row.get("market")).isEqualTo("KRW-BTC");
        assertThat(row.get("side")).isEqualTo("bid");
        assertThat(row.get("ord_type")).isEqualTo("limit");
        assertThat((BigDecimal) row.get("price")).isEqualByComparingTo("99000000");
        assertThat((BigDecimal) row.get("volume")).isEqualByComparingTo("0.0003");
        assertThat((BigDecimal) row.get("executed_volume")).isEqualByComparingTo("0");
        assertThat((BigDecimal) row.get("fee_rate")).isEqualByComparingTo("0.0005");
        assertThat(((Number) row.get("analysis_id")).longValue()).isEqualTo(analysisId);
        assertThat(((Number) row.get("leg")).intValue()).isEqualTo(2);
        assertThat(row.get("trace_id")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(row.get("uuid")).isNull();
        assertThat(journal.spentToday()).isEqualByComparingTo("49700");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void recordingTheSamePlanAgainWritesNothing(Engine engine) {
        open(engine);
        OrderJournal journal = paper();
        OrderPlan plan = plan(Side.BID, bid(1, "0.0002"), bid(2, "0.0003"));
        journal.record(plan, FEE, null);

        assertThat(journal.record(plan, FEE, null)).isEmpty();
        assertThat(orderCount()).isEqualTo(2);

        // a plan that shares a leg with one already written only adds the others
        PlannedOrder third = bid(3, "0.0001");
        assertThat(journal.record(plan(Side.BID, bid(2, "0.0003"), third), FEE, null)).containsExactly(third);
        assertThat(orderCount()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void nothingIsWrittenWhilePaused(Engine engine) {
        open(engine);
        OrderJournal journal = paper();
        assertThat(journal.paused()).isFalse();

        Map<String, Object> control = journal.setPaused(true, " owner ");

        assertThat(control.get("paused")).isEqualTo(true);
        assertThat(control.get("changed_by")).isEqualTo("owner");
        assertThat(journal.paused()).isTrue();
        for (OrderPlan plan : List.of(plan(Side.BID, bid(1, "0.0002")),
                plan(Side.ASK, leg("KRW-BTC", Side.ASK, 2, "120000000", "0.0002")))) {
            TradingException e = catchThrowableOfType(() -> journal.record(plan, FEE, null), TradingException.class);
            assertThat(e).isNotNull();
            assertThat(e.reason()).isEqualTo("TradingPaused");
            assertThat(e.side()).isEqualTo(plan.side());
            assertThat(e.getMessage()).contains("owner").contains("KRW-BTC");
        }
        assertThat(orderCount()).isZero();

        assertThat(journal.setPaused(false, "").get("changed_by")).isEqualTo("unknown");
        assertThat(journal.record(plan(Side.BID, bid(1, "0.0002")), FEE, null)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theDailyCapCountsWhatTodaysBidsHoldOrSpent(Engine engine) {
        open(engine);
        OrderJournal journal = journal("paper", "100000");

        PlannedOrder cancelled = bid(1, "0.0003");
        journal.record(plan(Side.BID, cancelled), FEE, null);
        assertThat(journal.spentToday()).isEqualByComparingTo("30000");
        // cancelled after half of it filled: only what filled counts
        journal.acknowledged(cancelled.identifier(), answer(cancelled, "cancel", "0.00015"));
        assertThat(journal.spentToday()).isEqualByComparingTo("15000");

        PlannedOrder refused = bid(2, "0.0004");
        journal.record(plan(Side.BID, refused), FEE, null);
        journal.failed(refused.identifier(), new TradingException("OrderRejected", Side.BID, "Upbit refused it"));
        assertThat(journal.spentToday()).isEqualByComparingTo("15000");

        // an order Upbit never confirmed may exist: it still counts
        PlannedOrder unconfirmed = bid(3, "0.0002");
        journal.record(plan(Side.BID, unconfirmed), FEE, null);
        journal.failed(unconfirmed.identifier(), new OrderUnconfirmedException("no answer"));
        PlannedOrder done = bid(4, "0.0001");
        journal.record(plan(Side.BID, done), FEE, null);
        journal.acknowledged(done.identifier(), answer(done, "done", "0.0001"));
        assertThat(journal.spentToday()).isEqualByComparingTo("45000");

        // sells are never capped
        assertThat(journal.record(plan(Side.ASK, leg("KRW-BTC", Side.ASK, 5, "100000000", "0.01")), FEE, null))
                .hasSize(1);
        assertThat(journal.spentToday()).isEqualByComparingTo("45000");

        // 45,000 + 55,001 passes 100,000: refused, nothing written
        int before = orderCount();
        TradingException e = catchThrowableOfType(
                () -> journal.record(plan(Side.BID, bid(6, "0.0003"), bid(7, "0.00025001")), FEE, null),
                TradingException.class);
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo("DailyCapExceeded");
        assertThat(e.side()).isEqualTo(Side.BID);
        assertThat(e.getMessage()).contains("45,000원").contains("55,001원").contains("100,000원");
        assertThat(orderCount()).isEqualTo(before);

        // exactly up to the cap is allowed
        assertThat(journal.record(plan(Side.BID, bid(6, "0.0003"), bid(7, "0.00025")), FEE, null)).hasSize(2);
        assertThat(journal.spentToday()).isEqualByComparingTo("100000");
        assertThat(journal.today()).containsEntry("max_daily_krw", new BigDecimal("100000"));

        // legs already written are not counted twice when a plan is placed again
        assertThat(journal.record(plan(Side.BID, bid(6, "0.0003")), FEE, null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anUnconfirmedOrderIsUnknownAndAnyOtherFailureFailed(Engine engine) {
        open(engine);
        OrderJournal journal = paper();
        PlannedOrder unconfirmed = bid(1, "0.0001");
        PlannedOrder refused = bid(2, "0.0001");
        PlannedOrder leaky = bid(3, "0.0001");
        journal.record(plan(Side.BID, unconfirmed, refused, leaky), FEE, null);

        journal.failed(unconfirmed.identifier(), new OrderUnconfirmedException("Upbit did not confirm order "
                + unconfirmed.identifier()));
        journal.failed(refused.identifier(), new TradingException("OrderRejected", Side.BID, "x".repeat(1000)));
        journal.failed(leaky.identifier(), new IllegalStateException("GET /v1/order?access_key=SECRETVALUE failed"));

        Map<String, Object> u = row(unconfirmed);
        assertThat(u.get("state")).isEqualTo("unknown");
        assertThat((String) u.get("error")).startsWith("OrderUnconfirmedException: upbit: Upbit did not confirm order");
        Map<String, Object> r = row(refused);
        assertThat(r.get("state")).isEqualTo("failed");
        assertThat((String) r.get("error")).startsWith("OrderRejected: xxx").hasSize(300);
        Map<String, Object> l = row(leaky);
        assertThat(l.get("state")).isEqualTo("failed");
        assertThat((String) l.get("error")).contains("access_key=").doesNotContain("SECRETVALUE");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void openOrdersAreTheWaitingOnesOfTheCurrentMode(Engine engine) {
        open(engine);
        OrderJournal paper = paper();
        OrderJournal live = journal("live", "300000");
        PlannedOrder waiting = bid(1, "0.0001");
        PlannedOrder watching = bid(2, "0.0001");
        PlannedOrder done = bid(3, "0.0001");
        PlannedOrder cancelled = bid(4, "0.0001");
        PlannedOrder fresh = bid(5, "0.0001");
        PlannedOrder otherMarket = leg("KRW-ETH", Side.BID, 6, "5000000", "0.002");
        paper.record(plan(Side.BID, waiting, watching, done, cancelled, fresh, otherMarket), FEE, null);
        PlannedOrder liveWaiting = leg("KRW-BTC", Side.ASK, 7, "120000000", "0.0001");
        live.record(plan(Side.ASK, liveWaiting), FEE, null);
        paper.acknowledged(waiting.identifier(), answer(waiting, "wait", "0"));
        paper.acknowledged(watching.identifier(), answer(watching, "watch", "0"));
        paper.acknowledged(done.identifier(), answer(done, "done", "0.0001"));
        paper.acknowledged(cancelled.identifier(), answer(cancelled, "cancel", "0"));
        paper.acknowledged(otherMarket.identifier(), answer(otherMarket, "wait", "0"));
        live.acknowledged(liveWaiting.identifier(), answer(liveWaiting, "wait", "0"));

        List<OrderState> open = paper.openOrders("KRW-BTC");

        assertThat(open).extracting(OrderState::identifier).containsExactly(waiting.identifier(), watching.identifier());
        assertThat(open.get(0).uuid()).isEqualTo("u-1");
        assertThat(open.get(0).side()).isEqualTo(Side.BID);
        assertThat(open.get(1).state()).isEqualTo("watch");
        assertThat(live.openOrders("KRW-BTC")).extracting(OrderState::identifier)
                .containsExactly(liveWaiting.identifier());
        assertThat(paper.openOrders("KRW-ETH")).extracting(OrderState::identifier)
                .containsExactly(otherMarket.identifier());
        assertThat(paper.openOrders("KRW-XRP")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void onceAPauseHasAnsweredNoOrderIsWritten(Engine engine) throws Exception {
        open(engine);
        OrderJournal journal = journal("paper", "1000000000000");
        int threads = 8;
        CountDownLatch running = new CountDownLatch(threads);
        AtomicInteger refusedByPause = new AtomicInteger();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                int base = (t + 1) * 1_000_000;
                pool.submit(() -> {
                    for (int i = 0; i < 100_000; i++) {
                        OrderPlan plan = plan(Side.BID, bid(base + 2 * i, "0.0001"), bid(base + 2 * i + 1, "0.0001"));
                        try {
                            assertThat(journal.record(plan, FEE, null)).hasSize(2);
                        } catch (TradingException e) {
                            if ("TradingPaused".equals(e.reason())) {
                                refusedByPause.incrementAndGet();
                            } else {
                                unexpected.add(e);
                            }
                            return;
                        } catch (Throwable e) {
                            unexpected.add(e);
                            return;
                        }
                        if (i == 2) {
                            running.countDown();
                        }
                    }
                });
            }
            assertThat(running.await(60, TimeUnit.SECONDS)).as("every thread has written orders").isTrue();

            journal.setPaused(true, "owner");
            int countWhenPauseAnswered = orderCount();

            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("every thread stopped").isTrue();
            assertThat(unexpected).isEmpty();
            assertThat(refusedByPause.get()).as("threads refused by the pause").isEqualTo(threads);
            assertThat(countWhenPauseAnswered).isGreaterThanOrEqualTo(threads * 3 * 2).isEven();
            assertThat(orderCount()).as("orders after every thread stopped").isEqualTo(countWhenPauseAnswered);
            assertThat(jdbc.queryForObject("""
                    SELECT COUNT(*) FROM orders WHERE created_at > (SELECT changed_at FROM trading_control WHERE id = 1)""",
                    Map.of(), Integer.class)).as("orders stamped after the pause").isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theSamePlanRecordedConcurrentlyIsWrittenOnce(Engine engine) throws Exception {
        open(engine);
        OrderJournal journal = paper();
        OrderPlan plan = plan(Side.BID, bid(1, "0.0001"), bid(2, "0.0002"), bid(3, "0.0003"));
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<PlannedOrder>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return journal.record(plan, FEE, null);
                }));
            }
            start.countDown();

            List<List<PlannedOrder>> written = new ArrayList<>();
            for (Future<List<PlannedOrder>> f : results) {
                written.add(f.get(60, TimeUnit.SECONDS));
            }

            assertThat(written).filteredOn(w -> !w.isEmpty()).singleElement()
                    .satisfies(w -> assertThat(w).containsExactlyElementsOf(plan.legs()));
            assertThat(written).filteredOn(List::isEmpty).hasSize(threads - 1);
            assertThat(orderCount()).isEqualTo(3);
            assertThat(jdbc.queryForList("SELECT identifier FROM orders ORDER BY leg", Map.of(), String.class))
                    .containsExactlyElementsOf(plan.legs().stream().map(PlannedOrder::identifier).toList());
            assertThat(journal.spentToday()).isEqualByComparingTo("60000");
        } finally {
            pool.shutdownNow();
        }
    }
}
