package com.autotrader.trading;

import com.autotrader.api.UpstreamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UpbitPrivateParserTest {

    private static final String CHANCE = """
            {"bid_fee":"0.0005","ask_fee":"0.0005","maker_bid_fee":"0.0005","maker_ask_fee":"0.0005",
             "market":{"id":"KRW-BTC","name":"BTC/KRW","order_types":[],"order_sides":["ask","bid"],
               "bid_types":["best_fok","limit","price"],"ask_types":["best_fok","limit","market"],
               "bid":{"currency":"KRW","min_total":"5000"},"ask":{"currency":"BTC","min_total":"5000"},
               "max_total":"1000000000","state":"active"},
             "bid_account":{"currency":"KRW","balance":"1000000.0","locked":"0.0","avg_buy_price":"0",
               "avg_buy_price_modified":false,"unit_currency":"KRW"},
             "ask_account":{"currency":"BTC","balance":"0.1","locked":"0.0","avg_buy_price":"90000000",
               "avg_buy_price_modified":false,"unit_currency":"KRW"}}""";

    private static final String ACCOUNTS = """
            [{"currency":"KRW","balance":"1000000.0","locked":"0.0","avg_buy_price":"0",
              "avg_buy_price_modified":false,"unit_currency":"KRW"},
             {"currency":"BTC","balance":"0.1","locked":"0.0001","avg_buy_price":"90000000",
              "avg_buy_price_modified":false,"unit_currency":"KRW"}]""";

    private static final String ORDER = """
            {"uuid":"cdd92199-2897-4e14-9448-f923320408ad","side":"bid","ord_type":"limit","price":"100000000",
             "state":"wait","market":"KRW-BTC","created_at":"2026-11-26T10:00:00+09:00","volume":"0.0001",
             "remaining_volume":"0.0001","reserved_fee":"5","remaining_fee":"5","paid_fee":"0","locked":"10005",
             "executed_volume":"0","trades_count":0,"identifier":"autotrader-7-bid-1"}""";

    private static final String ERROR =
            "{\"error\":{\"name\":\"insufficient_funds_bid\",\"message\":\"주문가능한 금액(KRW)이 부족합니다.\"}}";

    private final UpbitPrivateParser parser = new UpbitPrivateParser();

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    private static UpstreamException upstream(Runnable call) {
        UpstreamException e = catchThrowableOfType(call::run, UpstreamException.class);
        assertThat(e).as("expected an UpstreamException").isNotNull();
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BAD_GATEWAY);
        assertThat(e.service()).isEqualTo("upbit");
        assertThat(e.getMessage().length()).isLessThanOrEqualTo(220);
        return e;
    }

    @Test
    void readsMarketRulesFromChance() {
        MarketRules rules = parser.chanceRules(CHANCE);

        assertThat(rules.bidFee()).isEqualByComparingTo("0.0005");
        assertThat(rules.askFee()).isEqualByComparingTo("0.0005");
        assertThat(rules.minTotal()).isEqualByComparingTo("5000");
    }

    @Test
    void readsBothAccountsFromChance() {
        assertThat(parser.bidAccount(CHANCE))
                .isEqualTo(new Holding("KRW", dec("1000000.0"), dec("0.0"), dec("0")));
        assertThat(parser.askAccount(CHANCE))
                .isEqualTo(new Holding("BTC", dec("0.1"), dec("0.0"), dec("90000000")));
    }

    @Test
    void acceptsBytesAndStreamsLikeStrings() {
        byte[] bytes = CHANCE.getBytes(StandardCharsets.UTF_8);

        assertThat(parser.chanceRules(bytes)).isEqualTo(parser.chanceRules(CHANCE));
        assertThat(parser.chanceRules(new ByteArrayInputStream(bytes))).isEqualTo(parser.chanceRules(CHANCE));
        assertThat(UpbitPrivateParser.errorName(ERROR.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("insufficient_funds_bid");
    }

    @Test
    void readsAccountsInOrder() {
        List<Holding> holdings = parser.accounts(ACCOUNTS);

        assertThat(holdings).containsExactly(
                new Holding("KRW", dec("1000000.0"), dec("0.0"), dec("0")),
                new Holding("BTC", dec("0.1"), dec("0.0001"), dec("90000000")));
        assertThat(parser.accounts("[]")).isEmpty();
    }

    @Test
    void readsAnOrder() {
        OrderState order = parser.order(ORDER);

        assertThat(order).isEqualTo(new OrderState("cdd92199-2897-4e14-9448-f923320408ad", "autotrader-7-bid-1",
                "KRW-BTC", Side.BID, "wait", dec("100000000"), dec("0.0001"), dec("0")));
    }

    @Test
    void identifierAndMarketOrderAmountsMayBeAbsent() {
        String marketSell = ORDER.replace("\"identifier\":\"autotrader-7-bid-1\"", "\"identifier\":null")
                .replace("\"side\":\"bid\"", "\"side\":\"ask\"")
                .replace("\"price\":\"100000000\",", "");
        String noIdentifier = ORDER.replace(",\"identifier\":\"autotrader-7-bid-1\"", "");

        OrderState sell = parser.order(marketSell);
        assertThat(sell.identifier()).isNull();
        assertThat(sell.side()).isEqualTo(Side.ASK);
        assertThat(sell.price()).isNull();
        assertThat(parser.order(noIdentifier).identifier()).isNull();
    }

    @Test
    void readsOpenOrders() {
        String done = ORDER.replace("\"state\":\"wait\"", "\"state\":\"done\"")
                .replace("\"executed_volume\":\"0\"", "\"executed_volume\":\"0.0001\"");

        List<OrderState> orders = parser.orders("[" + ORDER + "," + done + "]");

        assertThat(orders).extracting(OrderState::state).containsExactly("wait", "done");
        assertThat(orders.get(1).executedVolume()).isEqualByComparingTo("0.0001");
        assertThat(parser.orders("[]")).isEmpty();
    }

    @Test
    void readsUpbitErrorNameAndMessage() {
        assertThat(UpbitPrivateParser.errorName(ERROR)).isEqualTo("insufficient_funds_bid");
        assertThat(UpbitPrivateParser.errorMessage(ERROR)).isEqualTo("주문가능한 금액(KRW)이 부족합니다.");

        String longMessage = "{\"error\":{\"name\":\"x\",\"message\":\"" + "가".repeat(500) + "\"}}";
        assertThat(UpbitPrivateParser.errorMessage(longMessage).length()).isLessThanOrEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html><body>502 Bad Gateway</body></html>", "{\"error\":{\"name\":",
            "[]", "{}", "{\"error\":\"oops\"}", "{\"error\":{\"name\":42}}", ""})
    void errorFieldsOfUnparsableBodiesAreNull(String body) {
        assertThat(UpbitPrivateParser.errorName(body)).isNull();
        assertThat(UpbitPrivateParser.errorMessage(body)).isNull();
    }

    @Test
    void errorFieldsNeverThrow() {
        assertThat(UpbitPrivateParser.errorName(null)).isNull();
        assertThat(UpbitPrivateParser.errorName(42)).isNull();
        assertThat(UpbitPrivateParser.errorMessage(new byte[] {(byte) 0xff, 0x00})).isNull();
    }

    @Test
    void htmlPageIsRejectedWithAShortPreview() {
        String html = "<html><head><title>Error</title></head><body>" + "x".repeat(5000) + "</body></html>";

        UpstreamException e = upstream(() -> parser.chanceRules(html));

        assertThat(e.getMessage()).contains("Upbit sent an unexpected orders/chance answer").contains("not JSON")
                .contains("<html>");
    }

    @Test
    void truncatedJsonIsRejected() {
        String truncated = CHANCE.substring(0, CHANCE.length() / 2);

        assertThat(upstream(() -> parser.chanceRules(truncated)).getMessage()).contains("not JSON");
        assertThat(upstream(() -> parser.order(ORDER.substring(0, 40))).getMessage())
                .contains("unexpected order answer");
        assertThat(upstream(() -> parser.accounts(ACCOUNTS.substring(0, 60))).getMessage())
                .contains("unexpected accounts answer");
    }

    @Test
    void textWhereANumberBelongsIsRejected() {
        UpstreamException fee = upstream(() -> parser.chanceRules(CHANCE.replace("\"bid_fee\":\"0.0005\"",
                "\"bid_fee\":\"abc\"")));
        assertThat(fee.getMessage()).contains("bid_fee").contains("abc");

        assertThat(upstream(() -> parser.order(ORDER.replace("\"executed_volume\":\"0\"",
                "\"executed_volume\":\"abc\""))).getMessage()).contains("executed_volume");
        assertThat(upstream(() -> parser.order(ORDER.replace("\"price\":\"100000000\"",
                "\"price\":\"abc\""))).getMessage()).contains("price");
        assertThat(upstream(() -> parser.accounts(ACCOUNTS.replace("\"balance\":\"0.1\"",
                "\"balance\":\"\""))).getMessage()).contains("balance");
    }

    @Test
    void missingRequiredFieldsAreRejected() {
        assertThat(upstream(() -> parser.chanceRules(CHANCE.replace("\"min_total\":\"5000\"},\"ask\"",
                "\"min\":\"5000\"},\"ask\""))).getMessage()).contains("min_total");
        assertThat(upstream(() -> parser.bidAccount(CHANCE.replace("\"bid_account\"", "\"other\"")))
                .getMessage()).contains("bid_account");
        assertThat(upstream(() -> parser.order(ORDER.replace("\"uuid\"", "\"id\""))).getMessage())
                .contains("uuid");
        assertThat(upstream(() -> parser.order(ORDER.replace("\"side\":\"bid\"", "\"side\":\"buy\"")))
                .getMessage()).contains("side");
        assertThat(upstream(() -> parser.accounts(ACCOUNTS.replace("\"locked\":\"0.0001\"", "\"locked\":\"-1\"")))
                .getMessage()).contains("locked");
    }

    @Test
    void wrongShapesAreRejected() {
        assertThat(upstream(() -> parser.chanceRules("[]")).getMessage()).contains("object");
        assertThat(upstream(() -> parser.order("[]")).getMessage()).contains("object");
        assertThat(upstream(() -> parser.accounts("{}")).getMessage()).contains("array");
        assertThat(upstream(() -> parser.orders(ORDER)).getMessage()).contains("array");
        assertThat(upstream(() -> parser.orders("[1]")).getMessage()).contains("object");
        assertThat(upstream(() -> parser.order("null")).getMessage()).contains("object");
    }

    @Test
    void emptyOrUnsupportedBodiesAreRejected() {
        for (Function<Object, ?> call : List.<Function<Object, ?>>of(parser::chanceRules, parser::accounts,
                parser::order, parser::orders)) {
            assertThat(upstream(() -> call.apply(null)).getMessage()).contains("empty body");
            assertThat(upstream(() -> call.apply("  ")).getMessage()).contains("empty body");
            assertThat(upstream(() -> call.apply(42)).getMessage()).contains("unreadable body");
        }
    }
}
