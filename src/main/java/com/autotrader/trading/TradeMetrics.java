package com.autotrader.trading;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code trading_orders_total{mode,side,status}} (status placed, failed or cancelled) and
 * {@code trading_refusals_total{reason}} (a plan a guard stopped: InsufficientFunds, DailyCapExceeded, …).
 * The order counters of the current mode and the guards' reasons are registered at 0 on start, so a dashboard
 * shows them at once.
 */
@Component
public class TradeMetrics {

    /** The guards' reasons, registered at 0 so a dashboard lists them before the first refusal. */
    static final String[] REASONS = {"InsufficientFunds", "DailyCapExceeded", "OrderCapExceeded", "BelowMinimumOrder",
            "LiveTradingUnavailable", "NotInWatchlist", "OrderRejected", "CancelFailed", "ShuttingDown"};

    private final MeterRegistry registry;
    private final String mode;

    public TradeMetrics(MeterRegistry registry, TradingSettings settings) {
        this.registry = registry;
        this.mode = settings.mode();
        for (Side side : Side.values()) {
            for (String status : new String[] {"placed", "failed", "cancelled"}) {
                orders(side, status);
            }
        }
        for (String reason : REASONS) {
            refusals(reason);
        }
    }

    public void placed(OrderState order) {
        orders(order.side(), "placed").increment();
    }

    public void cancelled(OrderState order) {
        orders(order.side(), "cancelled").increment();
    }

    public void failed(PlannedOrder order) {
        orders(order.side(), "failed").increment();
    }

    /** A run a guard or the broker stopped; the reason is the TradingException's, else the error's type. */
    public void refused(Throwable failure) {
        TradingException trade = TradingException.in(failure);
        String reason = trade != null ? trade.reason() : TradingException.unwrap(failure).getClass().getSimpleName();
        refusals(reason).increment();
    }

    private Counter refusals(String reason) {
        return Counter.builder("trading.refusals").description("Trade runs stopped by a guard or a failure, by reason")
                .tag("reason", reason).register(registry);
    }

    private Counter orders(Side side, String status) {
        return Counter.builder("trading.orders").description("Orders by mode, side and outcome")
                .tag("mode", mode).tag("side", side.upbit()).tag("status", status).register(registry);
    }
}
