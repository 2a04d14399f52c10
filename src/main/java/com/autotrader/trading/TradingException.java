package com.autotrader.trading;

/**
 * A trade that was refused or failed, typed so the owner's alert says why ({@link #reason()}, e.g.
 * InsufficientFunds) and for which side. Messages carry amounts, never keys.
 */
public class TradingException extends RuntimeException {

    private final String reason;
    private final Side side;

    public TradingException(String reason, Side side, String message) {
        super(message);
        this.reason = reason;
        this.side = side;
    }

    /** The TradingException behind {@code failure} (Camel may wrap it), or null. */
    public static TradingException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TradingException trade) {
                return trade;
            }
        }
        return null;
    }

    /** The first cause that is not one of Camel's wrappers: what actually went wrong. */
    public static Throwable unwrap(Throwable failure) {
        return com.autotrader.alerting.AlertFactory.unwrap(failure);
    }

    public String reason() {
        return reason;
    }

    /** The side the failed order was for, or null when the failure is not about one side. */
    public Side side() {
        return side;
    }
}
