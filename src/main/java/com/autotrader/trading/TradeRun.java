package com.autotrader.trading;

import java.util.ArrayList;
import java.util.List;

/**
 * One trade-coin run's tally, kept on the exchange: the legs placed, the orders cancelled first, and the first
 * failure, raised once every leg has had its turn so a refused leg never hides the ones that were placed.
 */
public class TradeRun {

    private final List<OrderState> placed = new ArrayList<>();
    private final List<OrderState> cancelled = new ArrayList<>();
    private RuntimeException failure;
    private int failed;

    public void placed(OrderState order) {
        placed.add(order);
    }

    public void cancelled(OrderState order) {
        cancelled.add(order);
    }

    public void failed(Exception e) {
        failed++;
        if (failure == null) {
            Throwable cause = TradingException.unwrap(e);
            failure = cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        }
    }

    public List<OrderState> placedOrders() {
        return List.copyOf(placed);
    }

    public List<OrderState> cancelledOrders() {
        return List.copyOf(cancelled);
    }

    public boolean hasPlaced() {
        return !placed.isEmpty();
    }

    public boolean hasCancelled() {
        return !cancelled.isEmpty();
    }

    /** The legs placed in this run, for the notice (a leg written earlier by a retry is not repeated). */
    public OrderPlan placedPlan(OrderPlan plan) {
        List<PlannedOrder> legs = plan.legs().stream()
                .filter(l -> placed.stream().anyMatch(o -> l.identifier().equals(o.identifier()))).toList();
        return new OrderPlan(plan.analysisId(), plan.market(), plan.side(), legs, plan.reason());
    }

    /** Raises the first failure, if any leg failed. */
    public void rethrow() {
        if (failure != null) {
            throw failure;
        }
    }

    public String summary() {
        return placed.size() + " placed, " + failed + " failed, " + cancelled.size() + " cancelled first";
    }
}
