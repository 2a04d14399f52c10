package com.autotrader.trading;

/** Upbit's order sides: {@code bid} buys, {@code ask} sells. */
public enum Side {
    BID("bid", "매수"), ASK("ask", "매도");

    private final String upbit;
    private final String korean;

    Side(String upbit, String korean) {
        this.upbit = upbit;
        this.korean = korean;
    }

    /** The value Upbit and the orders table use. */
    public String upbit() {
        return upbit;
    }

    /** The notice setting it belongs to: trading.notify.buy or .sell. */
    public String event() {
        return this == BID ? "buy" : "sell";
    }

    public String korean() {
        return korean;
    }

    public static Side of(String upbit) {
        for (Side s : values()) {
            if (s.upbit.equalsIgnoreCase(upbit)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown order side: " + upbit);
    }
}
