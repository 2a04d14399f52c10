package com.autotrader.trading;

import com.autotrader.analysis.PriceRange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * plan-orders: turns the latest analysis, the holding and the current price into limit orders.
 * <ul>
 * <li>buy: the bounds of appropriate_buy and buy_hope, each under the current price and, when the coin is held,
 *     under 99 % of the average buy price; the highest first, up to {@code maxBuyLegs} legs of the buy amount,
 *     volume = amount × (1 − fee) / price so the fee fits in the amount;</li>
 * <li>sell: the bounds of appropriate_sell and sell_target, each at least the current price and 101 % of the
 *     average buy price; N−1 legs of balance/N and the rest at the highest price, or everything at the lowest
 *     price when a leg would be worth less than {@code minSellLeg}.</li>
 * </ul>
 * Prices are rounded to the KRW tick away from the trader's loss (buys down, sells up), then checked again.
 */
@Component
public class OrderPlanner {

    static final int VOLUME_SCALE = 8;
    private static final BigDecimal BUY_UNDER_AVERAGE = new BigDecimal("0.99");
    private static final BigDecimal SELL_OVER_AVERAGE = new BigDecimal("1.01");

    private final BigDecimal buyAmount;
    private final int maxBuyLegs;
    private final BigDecimal minSellLeg;

    public OrderPlanner(@Value("${upbit.buy-amount}") BigDecimal buyAmount,
                        @Value("${trading.max-buy-legs}") int maxBuyLegs,
                        @Value("${trading.min-sell-leg-krw}") BigDecimal minSellLeg) {
        if (buyAmount.signum() <= 0 || maxBuyLegs < 1 || minSellLeg.signum() < 0) {
            throw new IllegalArgumentException("UPBIT_BUY_AMOUNT must be > 0 and trading.max-buy-legs ≥ 1, got "
                    + buyAmount + " and " + maxBuyLegs);
        }
        this.buyAmount = buyAmount;
        this.maxBuyLegs = maxBuyLegs;
        this.minSellLeg = minSellLeg;
    }

    public OrderPlan plan(TradeSignal signal, Holding coin, BigDecimal currentPrice, MarketRules rules) {
        if (currentPrice == null || currentPrice.signum() <= 0) {
            throw new IllegalArgumentException("no valid current price for " + signal.market() + ": " + currentPrice);
        }
        return switch (signal.decision()) {
            case "buy" -> buy(signal, coin, currentPrice, rules);
            case "sell" -> sell(signal, coin, currentPrice);
            default -> OrderPlan.none(signal.analysisId(), signal.market(), "decision is " + signal.decision());
        };
    }

    private OrderPlan buy(TradeSignal s, Holding coin, BigDecimal current, MarketRules rules) {
        BigDecimal ceiling = current;
        if (coin.isHeld() && coin.avgBuyPrice().signum() > 0) {
            ceiling = ceiling.min(coin.avgBuyPrice().multiply(BUY_UNDER_AVERAGE));
        }
        BigDecimal limit = ceiling;
        List<BigDecimal> prices = bounds(s.appropriateBuy(), s.buyHope())
                .map(KrwTicks::floor)
                .filter(p -> p.signum() > 0 && p.compareTo(limit) < 0)
                .collect(() -> new TreeSet<BigDecimal>(java.util.Comparator.reverseOrder()), TreeSet::add, TreeSet::addAll)
                .stream().limit(maxBuyLegs).toList();
        if (prices.isEmpty()) {
            return OrderPlan.none(s.analysisId(), s.market(), "no buy price under " + TradeAmounts.price(limit)
                    + (limit.compareTo(current) < 0 ? " (99 % of the average buy price)" : " (the current price)"));
        }
        BigDecimal spend = buyAmount.multiply(BigDecimal.ONE.subtract(rules.bidFee()));
        List<PlannedOrder> legs = new ArrayList<>();
        for (BigDecimal price : prices) {
            BigDecimal volume = spend.divide(price, VOLUME_SCALE, RoundingMode.FLOOR);
            int leg = legs.size() + 1;
            legs.add(new PlannedOrder(s.market(), Side.BID, leg, price, volume,
                    PlannedOrder.identifierFor(s.analysisId(), Side.BID, leg)));
        }
        return new OrderPlan(s.analysisId(), s.market(), Side.BID, legs, null);
    }

    private OrderPlan sell(TradeSignal s, Holding coin, BigDecimal current) {
        BigDecimal balance = coin.balance().add(coin.locked());
        if (balance.signum() <= 0) {
            return OrderPlan.none(s.analysisId(), s.market(), "no " + s.currency() + " held to sell");
        }
        BigDecimal floor = current;
        if (coin.avgBuyPrice().signum() > 0) {
            floor = floor.max(coin.avgBuyPrice().multiply(SELL_OVER_AVERAGE));
        }
        BigDecimal limit = floor;
        List<BigDecimal> prices = bounds(s.appropriateSell(), s.sellTarget())
                .map(KrwTicks::ceil)
                .filter(p -> p.compareTo(limit) >= 0)
                .collect(TreeSet<BigDecimal>::new, TreeSet::add, TreeSet::addAll)
                .stream().toList();
        if (prices.isEmpty()) {
            return OrderPlan.none(s.analysisId(), s.market(), "no sell price at or over " + TradeAmounts.price(limit)
                    + (limit.compareTo(current) > 0 ? " (101 % of the average buy price)" : " (the current price)"));
        }
        int n = prices.size();
        BigDecimal share = balance.divide(BigDecimal.valueOf(n), VOLUME_SCALE, RoundingMode.FLOOR);
        List<PlannedOrder> legs = new ArrayList<>();
        BigDecimal rest = balance;
        for (int i = 0; i < n; i++) {
            BigDecimal volume = i < n - 1 ? share : rest;
            rest = rest.subtract(volume);
            legs.add(new PlannedOrder(s.market(), Side.ASK, i + 1, prices.get(i), volume,
                    PlannedOrder.identifierFor(s.analysisId(), Side.ASK, i + 1)));
        }
        boolean smallLeg = legs.stream().anyMatch(l -> l.total().compareTo(minSellLeg) < 0);
        if (smallLeg && n > 1) {
            legs = List.of(new PlannedOrder(s.market(), Side.ASK, 1, prices.get(0), balance,
                    PlannedOrder.identifierFor(s.analysisId(), Side.ASK, 1)));
        }
        return new OrderPlan(s.analysisId(), s.market(), Side.ASK, legs, null);
    }

    private static Stream<BigDecimal> bounds(PriceRange... ranges) {
        return Stream.of(ranges).flatMap(r -> Stream.of(r.min(), r.max()))
                .filter(v -> Double.isFinite(v) && v > 0)
                .map(BigDecimal::valueOf);
    }
}
