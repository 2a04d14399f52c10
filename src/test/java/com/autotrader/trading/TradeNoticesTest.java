package com.autotrader.trading;

import com.autotrader.alerting.TelegramText;
import com.autotrader.trading.TradeNotices.NotifyMode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TradeNoticesTest {

    /** 2026-11-26 15:30:42 in Seoul, on a UTC clock so the zone conversion is exercised. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T06:30:42Z"), ZoneOffset.UTC);

    private static TradeNotices notices(String buy, String sell, String cancel, String analysis) {
        return new TradeNotices("12345", buy, sell, cancel, analysis, CLOCK);
    }

    private static PlannedOrder leg(Side side, int leg, String price, String volume) {
        return new PlannedOrder("KRW-BTC", side, leg, new BigDecimal(price), new BigDecimal(volume),
                PlannedOrder.identifierFor(7, side, leg));
    }

    private static OrderPlan plan(Side side) {
        return new OrderPlan(7, "KRW-BTC", side, List.of(
                leg(side, 1, "100000", "0.3333"),
                leg(side, 2, "99500", "0.33500000"),
                leg(side, 3, "99000", "0.3367")), null);
    }

    @Test
    void buyMessageHasThePythonLayout() {
        TelegramText text = notices("on", "on", "on", "on").placed(plan(Side.BID), "비트코인", "paper");

        assertThat(text.text()).isEqualTo("""
                💰 <b>매수 주문 체결</b>
                🕒 2026-11-26 15:30:42

                종목: 비트코인 (BTC)
                시장: 암호화폐
                주문 수: 3건
                총 금액: 99,996원
                모드: 모의투자

                  1. 가격: 100,000원 × 수량: 0.3333
                  2. 가격: 99,500원 × 수량: 0.335
                  3. 가격: 99,000원 × 수량: 0.3367""");
        assertThat(text.chatId()).isEqualTo("12345");
        assertThat(text.html()).isTrue();
        assertThat(text.silent()).isFalse();
    }

    @Test
    void sellMessageHasItsOwnHeaderAndTheSameBody() {
        OrderPlan plan = new OrderPlan(8, "KRW-XRP", Side.ASK, List.of(
                new PlannedOrder("KRW-XRP", Side.ASK, 1, new BigDecimal("812.5"), new BigDecimal("12.123456789"),
                        "autotrader-8-ask-1")), null);

        TelegramText text = notices("on", "on", "on", "on").placed(plan, "리플", "live");

        assertThat(text.text()).isEqualTo("""
                💸 <b>매도 주문 체결</b>
                🕒 2026-11-26 15:30:42

                종목: 리플 (XRP)
                시장: 암호화폐
                주문 수: 1건
                총 금액: 9,850원
                모드: 실거래

                  1. 가격: 812.5원 × 수량: 12.12345678""");
    }

    @Test
    void nameIsEscapedForTelegramHtml() {
        TelegramText text = notices("on", "on", "on", "on").placed(plan(Side.BID), "비트<b>&코인", "paper");

        assertThat(text.text()).contains("종목: 비트&lt;b&gt;&amp;코인 (BTC)").doesNotContain("비트<b>");
    }

    @Test
    void silentFlagFollowsTheModeOfTheEvent() {
        TradeNotices n = notices("silent", "ON", "Silent", "off");

        assertThat(n.placed(plan(Side.BID), "비트코인", "paper").silent()).isTrue();
        assertThat(n.placed(plan(Side.ASK), "비트코인", "paper").silent()).isFalse();
        assertThat(n.cancelled("KRW-BTC", "비트코인", List.of(), "paper").silent()).isTrue();
        assertThat(n.mode("buy")).isEqualTo(NotifyMode.SILENT);
        assertThat(n.mode("sell")).isEqualTo(NotifyMode.ON);
        assertThat(n.silentAnalysis()).isFalse();
        assertThat(notices("on", "on", "on", "silent").silentAnalysis()).isTrue();
    }

    @Test
    void offEventsAreNotSent() {
        TradeNotices n = notices("off", "on", "silent", "off");

        assertThat(n.notifies("buy")).isFalse();
        assertThat(n.notifies("analysis")).isFalse();
        assertThat(n.notifies("sell")).isTrue();
        assertThat(n.notifies("cancel")).isTrue();
    }

    @Test
    void nothingIsSentWithoutAChat() {
        TradeNotices n = new TradeNotices("  ", "on", "on", "silent", "on", CLOCK);

        assertThat(List.of("buy", "sell", "cancel", "analysis")).noneMatch(n::notifies);
    }

    @Test
    void badModeNamesTheProperty() {
        assertThatThrownBy(() -> notices("on", "loud", "on", "on"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trading.notify.sell must be on, silent or off, got 'loud'");
        assertThatThrownBy(() -> notices("on", "on", "on", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trading.notify.analysis");
    }

    @Test
    void cancelMessageListsTheOrdersWithTheirSide() {
        List<OrderState> orders = List.of(
                new OrderState("u1", "autotrader-7-bid-1", "KRW-BTC", Side.BID, "cancel",
                        new BigDecimal("99000"), new BigDecimal("0.1"), BigDecimal.ZERO),
                new OrderState("u2", null, "KRW-BTC", Side.ASK, "cancel",
                        new BigDecimal("101000.0"), new BigDecimal("0.05000000"), BigDecimal.ZERO));

        TelegramText text = notices("on", "on", "on", "on").cancelled("KRW-BTC", "비트코인", orders, "paper");

        assertThat(text.text()).isEqualTo("""
                🚫 <b>주문 취소</b>
                🕒 2026-11-26 15:30:42

                종목: 비트코인 (BTC)
                취소 수: 2건
                모드: 모의투자

                  1. 매수 가격: 99,000원 × 수량: 0.1
                  2. 매도 가격: 101,000원 × 수량: 0.05""");
        assertThat(text.silent()).isFalse();
    }
}
