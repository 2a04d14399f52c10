package com.autotrader.trading;

import com.autotrader.alerting.AlertFormatter;
import com.autotrader.alerting.TelegramText;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The owner's trade notifications (placed and cancelled orders) in the layout the Python system sent, and
 * per event whether they go out loudly, silently or not at all: an owner who trades often wants the buys
 * without a ring, or not at all, while still hearing about the rest.
 */
@Component
public class TradeNotices {

    /** How an event reaches the owner: with a sound, without one, or not at all. */
    public enum NotifyMode {
        ON, SILENT, OFF;

        static NotifyMode parse(String property, String value) {
            String v = value == null ? "" : value.strip();
            for (NotifyMode m : values()) {
                if (m.name().equalsIgnoreCase(v)) {
                    return m;
                }
            }
            throw new IllegalArgumentException(property + " must be on, silent or off, got '" + value + "'");
        }
    }

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String chatId;
    private final Map<String, NotifyMode> modes;
    private final Clock clock;

    @Autowired
    public TradeNotices(@Value("${telegram.chat-id:}") String chatId,
                        @Value("${trading.notify.buy:on}") String buy,
                        @Value("${trading.notify.sell:on}") String sell,
                        @Value("${trading.notify.cancel:on}") String cancel,
                        @Value("${trading.notify.analysis:on}") String analysis) {
        this(chatId, buy, sell, cancel, analysis, Clock.system(KST));
    }

    TradeNotices(String chatId, String buy, String sell, String cancel, String analysis, Clock clock) {
        this.chatId = chatId == null ? "" : chatId.strip();
        this.modes = Map.of(
                "buy", NotifyMode.parse("trading.notify.buy", buy),
                "sell", NotifyMode.parse("trading.notify.sell", sell),
                "cancel", NotifyMode.parse("trading.notify.cancel", cancel),
                "analysis", NotifyMode.parse("trading.notify.analysis", analysis));
        this.clock = clock;
    }

    /** The mode of "buy", "sell", "cancel" or "analysis". */
    public NotifyMode mode(String event) {
        NotifyMode mode = modes.get(event);
        if (mode == null) {
            throw new IllegalArgumentException("unknown notify event: " + event);
        }
        return mode;
    }

    /** Whether the event is sent at all: it is not off and there is a chat to send it to. */
    public boolean notifies(String event) {
        return mode(event) != NotifyMode.OFF && !chatId.isEmpty();
    }

    /** The analysis notice, silent when trading.notify.analysis says so. */
    public TelegramText analysis(TelegramText notice) {
        return notice.silently(silentAnalysis());
    }

    public boolean silentAnalysis() {
        return mode("analysis") == NotifyMode.SILENT;
    }

    /** The orders of a plan were placed: a buy for a BID plan, a sell for an ASK plan. */
    public TelegramText placed(OrderPlan plan, String name, String tradingMode) {
        boolean buy = plan.side() == Side.BID;
        StringBuilder t = new StringBuilder();
        t.append(buy ? "💰 <b>매수 주문 체결</b>\n" : "💸 <b>매도 주문 체결</b>\n");
        t.append("🕒 ").append(now()).append("\n\n");
        t.append("종목: ").append(instrument(plan.market(), name)).append('\n');
        t.append("시장: 암호화폐\n");
        t.append("주문 수: ").append(plan.legs().size()).append("건\n");
        t.append("총 금액: ").append(TradeAmounts.won(plan.total())).append('\n');
        t.append("모드: ").append(modeLabel(tradingMode)).append('\n');
        t.append('\n');
        int n = 1;
        for (PlannedOrder leg : plan.legs()) {
            t.append("  ").append(n++).append(". 가격: ").append(TradeAmounts.price(leg.price()))
                    .append(" × 수량: ").append(volume(leg.volume())).append('\n');
        }
        return TelegramText.html(chatId, t.toString().stripTrailing())
                .silently(mode(buy ? "buy" : "sell") == NotifyMode.SILENT);
    }

    /** Open orders of a market were cancelled. */
    public TelegramText cancelled(String market, String name, List<OrderState> orders, String tradingMode) {
        StringBuilder t = new StringBuilder();
        t.append("🚫 <b>주문 취소</b>\n");
        t.append("🕒 ").append(now()).append("\n\n");
        t.append("종목: ").append(instrument(market, name)).append('\n');
        t.append("취소 수: ").append(orders.size()).append("건\n");
        t.append("모드: ").append(modeLabel(tradingMode)).append('\n');
        t.append('\n');
        int n = 1;
        for (OrderState o : orders) {
            t.append("  ").append(n++).append(". ").append(o.side().korean()).append(" 가격: ")
                    .append(TradeAmounts.price(o.price())).append(" × 수량: ").append(volume(o.volume())).append('\n');
        }
        return TelegramText.html(chatId, t.toString().stripTrailing())
                .silently(mode("cancel") == NotifyMode.SILENT);
    }

    private String now() {
        return TIME.format(ZonedDateTime.now(clock).withZoneSameInstant(KST));
    }

    /** "비트코인 (BTC)" from KRW-BTC: the symbol is what follows the quote currency. */
    private static String instrument(String market, String name) {
        String symbol = market.substring(market.indexOf('-') + 1);
        return AlertFormatter.escape(name) + " (" + AlertFormatter.escape(symbol) + ")";
    }

    private static String modeLabel(String tradingMode) {
        return "live".equalsIgnoreCase(tradingMode == null ? "" : tradingMode.strip()) ? "실거래" : "모의투자";
    }

    /** Up to 8 decimals (Upbit's precision), no trailing zeros, no exponent. */
    private static String volume(BigDecimal volume) {
        BigDecimal v = volume.setScale(8, RoundingMode.DOWN).stripTrailingZeros();
        return (v.signum() == 0 ? BigDecimal.ZERO : v).toPlainString();
    }
}
