package com.autotrader.trading;

import com.autotrader.market.CoinDirectory;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The checks every plan passes before an order exists. Each failure is a typed {@link TradingException} that
 * reaches the owner as an alert. The kill switch and the daily cap are checked again, atomically, when the
 * orders are written (OrderJournal).
 */
@Component
public class RiskGuards {

    private final TradingSettings settings;
    private final UpbitSigner signer;
    private final CoinDirectory coins;
    private final TradingGate gate;

    public RiskGuards(TradingSettings settings, UpbitSigner signer, CoinDirectory coins, TradingGate gate) {
        this.settings = settings;
        this.signer = signer;
        this.coins = coins;
        this.gate = gate;
    }

    /** No order starts once shutdown has begun. */
    public void checkOpen() {
        gate.checkOpen();
    }

    /** Live trading needs both Upbit keys; says which are missing. */
    public void checkMode() {
        if (settings.isLive() && !signer.hasKeys()) {
            throw new TradingException("LiveTradingUnavailable", null, "TRADING_MODE=live needs "
                    + String.join(" and ", signer.missingKeys()) + "; no order was placed");
        }
    }

    /** Orders are only ever planned for markets in the watchlist (entries may be names or symbols). */
    public void checkMarket(String market) {
        boolean watched = settings.watchlist().stream().anyMatch(entry -> {
            if (entry.equalsIgnoreCase(market)) {
                return true;
            }
            try {
                return coins.resolve(entry).symbol().equalsIgnoreCase(market);
            } catch (RuntimeException unknownOrNotLoaded) {
                return false;
            }
        });
        if (!watched) {
            throw new TradingException("NotInWatchlist", null, market + " is not in UPBIT_MARKETS; no order was placed");
        }
    }

    /** Every leg at least the market's minimum order total; every buy leg at most the per-order cap. */
    public void checkPlan(OrderPlan plan, MarketRules rules) {
        for (PlannedOrder leg : plan.legs()) {
            if (leg.total().compareTo(rules.minTotal()) < 0) {
                throw new TradingException("BelowMinimumOrder", leg.side(), plan.market() + " leg " + leg.leg()
                        + " is worth " + TradeAmounts.won(leg.total()) + ", under the minimum order total "
                        + TradeAmounts.won(rules.minTotal()) + "; no order was placed");
            }
            if (leg.side() == Side.BID && leg.total().compareTo(settings.maxOrderKrw()) > 0) {
                throw new TradingException("OrderCapExceeded", leg.side(), plan.market() + " leg " + leg.leg()
                        + " is worth " + TradeAmounts.won(leg.total()) + ", over TRADING_MAX_ORDER_KRW "
                        + TradeAmounts.won(settings.maxOrderKrw()) + "; no order was placed");
            }
        }
    }

    /** The balance must cover the sum of all legs (with the fee for a buy), not only the first. */
    public void checkFunds(OrderPlan plan, Holding krw, Holding coin, MarketRules rules) {
        if (plan.side() == Side.BID) {
            BigDecimal required = required(plan, rules.bidFee());
            if (krw.balance().compareTo(required) < 0) {
                throw new InsufficientFundsException(Side.BID, "KRW", krw.balance(), required);
            }
        } else if (plan.side() == Side.ASK && coin.balance().compareTo(plan.volume()) < 0) {
            throw new InsufficientFundsException(Side.ASK, coin.currency(), coin.balance(), plan.volume());
        }
    }

    /** What a buy plan holds in KRW: each leg's price × volume plus the fee, rounded up to the won. */
    public static BigDecimal required(OrderPlan plan, BigDecimal fee) {
        return plan.legs().stream()
                .map(l -> l.price().multiply(l.volume()).multiply(BigDecimal.ONE.add(fee)))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(0, RoundingMode.CEILING);
    }
}
