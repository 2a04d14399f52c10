package com.autotrader.support;

/** Upbit private API bodies in the documented shapes (numbers as strings). */
public final class UpbitPrivateFixtures {

    private UpbitPrivateFixtures() {
    }

    public static String chance(String market, String krw, String coin, String avgBuyPrice) {
        String currency = market.substring(market.indexOf('-') + 1);
        return """
                {"bid_fee":"0.0005","ask_fee":"0.0005","maker_bid_fee":"0.0005","maker_ask_fee":"0.0005",
                 "market":{"id":"%1$s","name":"%2$s/KRW","order_types":[],"order_sides":["ask","bid"],
                   "bid_types":["best_fok","limit","price"],"ask_types":["best_fok","limit","market"],
                   "bid":{"currency":"KRW","min_total":"5000"},"ask":{"currency":"%2$s","min_total":"5000"},
                   "max_total":"1000000000","state":"active"},
                 "bid_account":{"currency":"KRW","balance":"%3$s","locked":"0","avg_buy_price":"0",
                   "avg_buy_price_modified":false,"unit_currency":"KRW"},
                 "ask_account":{"currency":"%2$s","balance":"%4$s","locked":"0","avg_buy_price":"%5$s",
                   "avg_buy_price_modified":false,"unit_currency":"KRW"}}""".formatted(market, currency, krw, coin, avgBuyPrice);
    }

    public static String order(String uuid, String identifier, String market, String side, String price, String volume,
                               String state) {
        return """
                {"uuid":"%s","side":"%s","ord_type":"limit","price":"%s","state":"%s","market":"%s",
                 "created_at":"2026-11-26T10:00:00+09:00","volume":"%s","remaining_volume":"%s","reserved_fee":"5",
                 "remaining_fee":"5","paid_fee":"0","locked":"10005","executed_volume":"0","trades_count":0,
                 "identifier":"%s"}""".formatted(uuid, side, price, state, market, volume, volume, identifier);
    }

    public static String error(String name, String message) {
        return "{\"error\":{\"name\":\"" + name + "\",\"message\":\"" + message + "\"}}";
    }
}
