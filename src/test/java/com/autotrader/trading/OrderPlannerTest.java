package com.autotrader.trading;

import com.autotrader.analysis.PriceRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderPlannerTest {

    static final MarketRules RULES = new MarketRules(new BigDecimal("0.0005"), new BigDecimal("0.0005"), new BigDecimal("5000"));
    final OrderPlanner planner = new OrderPlanner(new BigDecimal("10000"), 4, new BigDecimal("10000"));

    static TradeSignal signal(String decision, double[] buy, double[] sell, double[] hope, double[] target) {
        return new TradeSignal(7, "KRW-BTC", "비트코인", decision, 80, new PriceRange(buy[0], buy[1]),
                new PriceRange(sell[0], sell[1]), new PriceRange(hope[0], hope[1]), new PriceRange(target[0], target[1]), "m");
    }

    static TradeSignal buy(double[] buy, double[] hope) {
        return signal("buy", buy, new double[]{1, 1}, hope, new double[]{1, 1});
    }

    static TradeSignal sell(double[] sell, double[] target) {
        return signal("sell", new double[]{1, 1}, sell, new double[]{1, 1}, target);
    }

    static Holding coin(String balance, String avg) {
        return new Holding("BTC", new BigDecimal(balance), BigDecimal.ZERO, new BigDecimal(avg));
    }

    static List<String> prices(OrderPlan plan) {
        return plan.legs().stream().map(l -> l.price().stripTrailingZeros().toPlainString()).toList();
    }

    @Test
    void buyLegsComeFromBothRangesHighestFirstRoundedDownToTheTick() {
        // 2,000,000+ band: tick 1000; 1,000,000–2,000,000: tick 500
        OrderPlan plan = planner.plan(buy(new double[]{1_990_250, 1_995_999}, new double[]{1_950_001, 1_980_700}),
                Holding.empty("BTC"), new BigDecimal("2000000"), RULES);

        assertThat(plan.side()).isEqualTo(Side.BID);
        assertThat(prices(plan)).containsExactly("1995500", "1990000",
                "1980500", "1950000");
        assertThat(plan.legs()).extracting(PlannedOrder::leg).containsExactly(1, 2, 3, 4);
        assertThat(plan.legs()).extracting(PlannedOrder::identifier)
                .containsExactly("autotrader-7-bid-1", "autotrader-7-bid-2", "autotrader-7-bid-3", "autotrader-7-bid-4");
    }

    @Test
    void volumeLeavesRoomForTheFeeAndIsCutToEightDecimals() {
        OrderPlan plan = planner.plan(buy(new double[]{95_000, 95_000}, new double[]{95_000, 95_000}),
                Holding.empty("BTC"), new BigDecimal("100000"), RULES);

        assertThat(plan.legs()).hasSize(1);
        PlannedOrder leg = plan.legs().get(0);
        // 10,000 × (1 − 0.0005) / 95,000 = 0.105210526315… → cut, never rounded up
        assertThat(leg.volume()).isEqualByComparingTo("0.10521052");
        BigDecimal withFee = leg.price().multiply(leg.volume()).multiply(new BigDecimal("1.0005"));
        assertThat(withFee).isLessThanOrEqualTo(new BigDecimal("10000"));
    }

    @Test
    void buyPricesAtOrAboveTheCurrentPriceAreDropped() {
        OrderPlan plan = planner.plan(buy(new double[]{99_000, 101_000}, new double[]{100_000, 100_000}),
                Holding.empty("BTC"), new BigDecimal("100000"), RULES);

        assertThat(prices(plan)).containsExactly("99000");
    }

    @Test
    void aHeldCoinIsOnlyBoughtUnder99PercentOfItsAverage() {
        // average 100,000 → buys must be under 99,000 even though the price is 120,000
        OrderPlan plan = planner.plan(buy(new double[]{98_950, 99_500}, new double[]{90_000, 99_000}),
                coin("0.5", "100000"), new BigDecimal("120000"), RULES);

        assertThat(prices(plan)).containsExactly("98950", "90000");
    }

    @Test
    void noBuyPriceLeftGivesAnEmptyPlanSayingWhy() {
        OrderPlan plan = planner.plan(buy(new double[]{99_500, 99_900}, new double[]{99_200, 99_400}),
                coin("0.5", "100000"), new BigDecimal("120000"), RULES);

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.reason()).contains("99,000원").contains("99 %");
    }

    @Test
    void atMostMaxLegsAndDuplicatesAfterRoundingCollapse() {
        OrderPlanner two = new OrderPlanner(new BigDecimal("10000"), 2, new BigDecimal("10000"));
        // 95,001 and 95,004 both round down to 95,000 (tick 10 from 10,000 to 100,000)
        OrderPlan plan = two.plan(buy(new double[]{95_001, 95_004}, new double[]{94_000, 93_000}),
                Holding.empty("BTC"), new BigDecimal("100000"), RULES);

        assertThat(prices(plan)).containsExactly("95000", "94000");
    }

    @Test
    void sellSplitsTheBalanceIntoNMinusOneSharesAndTheRestAtTheHighestPrice() {
        OrderPlan plan = planner.plan(sell(new double[]{110_000, 120_000}, new double[]{130_000, 140_000}),
                coin("1", "100000"), new BigDecimal("105000"), RULES);

        assertThat(plan.side()).isEqualTo(Side.ASK);
        assertThat(prices(plan)).containsExactly("110000", "120000",
                "130000", "140000");
        assertThat(plan.legs()).extracting(l -> l.volume().stripTrailingZeros().toPlainString())
                .containsExactly("0.25", "0.25", "0.25", "0.25");
        assertThat(plan.volume()).isEqualByComparingTo("1");
    }

    @Test
    void anUnevenBalanceLeavesTheRemainderOnTheHighestLeg() {
        OrderPlan plan = planner.plan(sell(new double[]{110_000, 120_000}, new double[]{130_000, 130_000}),
                coin("1", "100000"), new BigDecimal("105000"), RULES);

        BigDecimal third = BigDecimal.ONE.divide(BigDecimal.valueOf(3), 8, RoundingMode.FLOOR);
        assertThat(plan.legs()).extracting(PlannedOrder::volume)
                .containsExactly(third, third, BigDecimal.ONE.subtract(third.multiply(BigDecimal.valueOf(2))));
        assertThat(plan.legs().get(2).price()).isEqualByComparingTo("130000");
        assertThat(plan.volume()).isEqualByComparingTo("1");
    }

    @Test
    void sellPricesUnder101PercentOfTheAverageOrUnderTheCurrentPriceAreDropped() {
        // average 100,000 → at least 101,000; current 104,000 → at least 104,000
        OrderPlan plan = planner.plan(sell(new double[]{100_500, 103_900}, new double[]{104_000, 150_000}),
                coin("1", "100000"), new BigDecimal("104000"), RULES);

        assertThat(prices(plan)).containsExactly("104000", "150000");
    }

    @Test
    void sellPricesRoundUpToTheTick() {
        OrderPlan plan = planner.plan(sell(new double[]{104_001, 104_001}, new double[]{104_001, 104_001}),
                coin("1", "100000"), new BigDecimal("100000"), RULES);

        assertThat(prices(plan)).containsExactly("104050");
    }

    @Test
    void smallLegsSellEverythingAtTheLowestPrice() {
        // 0.1 coin at ~110,000: four legs of 0.025 would be worth ~2,750 each, under 10,000
        OrderPlan plan = planner.plan(sell(new double[]{110_000, 120_000}, new double[]{130_000, 140_000}),
                coin("0.1", "100000"), new BigDecimal("105000"), RULES);

        assertThat(plan.legs()).hasSize(1);
        assertThat(plan.legs().get(0).price()).isEqualByComparingTo("110000");
        assertThat(plan.legs().get(0).volume()).isEqualByComparingTo("0.1");
        assertThat(plan.legs().get(0).identifier()).isEqualTo("autotrader-7-ask-1");
    }

    @Test
    void lockedCoinsCountAsHeldBecauseTheAppCancelsItsOwnOrdersFirst() {
        Holding partlyLocked = new Holding("BTC", new BigDecimal("0.6"), new BigDecimal("0.4"), new BigDecimal("100000"));
        OrderPlan plan = planner.plan(sell(new double[]{120_000, 120_000}, new double[]{120_000, 120_000}),
                partlyLocked, new BigDecimal("105000"), RULES);

        assertThat(plan.volume()).isEqualByComparingTo("1");
    }

    @Test
    void nothingToSellOrHoldGiveNoOrders() {
        assertThat(planner.plan(sell(new double[]{110_000, 120_000}, new double[]{130_000, 140_000}),
                Holding.empty("BTC"), new BigDecimal("105000"), RULES).reason()).contains("no BTC held");
        assertThat(planner.plan(signal("hold", new double[]{90_000, 95_000}, new double[]{110_000, 120_000},
                new double[]{85_000, 90_000}, new double[]{120_000, 130_000}), coin("1", "100000"),
                new BigDecimal("100000"), RULES).isEmpty()).isTrue();
    }

    @Test
    void noCurrentPriceIsRefused() {
        assertThatThrownBy(() -> planner.plan(buy(new double[]{1, 2}, new double[]{1, 2}), Holding.empty("BTC"),
                BigDecimal.ZERO, RULES)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KRW-BTC");
    }

    @Test
    void nonsenseSettingsAreRefusedAtStart() {
        assertThatThrownBy(() -> new OrderPlanner(BigDecimal.ZERO, 4, BigDecimal.TEN))
                .hasMessageContaining("UPBIT_BUY_AMOUNT");
    }
}
