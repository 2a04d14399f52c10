package com.autotrader.commands;

import com.autotrader.alerting.AlertFormatter;
import com.autotrader.alerting.TelegramText;
import com.autotrader.api.QueryParams;
import com.autotrader.market.CoinDirectory;
import com.autotrader.trading.TradingSettings;
import org.apache.camel.component.telegram.model.IncomingMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The owner's Telegram commands: who may give them (TELEGRAM_ALLOWED_CHAT_IDS, by default TELEGRAM_CHAT_ID and
 * ERROR_REPORTING_CHAT_ID), what a message asks for, and the replies. Messages from any other chat get no
 * reply at all.
 */
@Component
public class TelegramCommands {

    static final List<String> NAMES = List.of("status", "analyze", "last", "pause", "resume", "help");
    private static final Map<String, String> DECISIONS = Map.of("buy", "매수", "hold", "관망", "sell", "매도");

    private final Set<String> allowed;
    private final TradingSettings trading;
    private final CoinDirectory coins;

    public TelegramCommands(@Value("${telegram.allowed-chat-ids:}") String allowedChatIds,
                            @Value("${telegram.chat-id:}") String notifyChat,
                            @Value("${error-reporting.chat-id:}") String errorChat,
                            TradingSettings trading, CoinDirectory coins) {
        Stream<String> ids = allowedChatIds.isBlank() ? Stream.of(notifyChat, errorChat)
                : Arrays.stream(allowedChatIds.split(","));
        this.allowed = ids.map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.trading = trading;
        this.coins = coins;
    }

    /** The stored symbol a /last argument means: an Upbit coin by name or symbol, else the argument as written. */
    public String symbolFor(String argument) {
        try {
            return coins.resolve(argument).symbol();
        } catch (RuntimeException notACoin) {
            return QueryParams.symbol("symbol", argument);
        }
    }

    /** /analyze and /last need a coin. */
    public boolean missesArgument(Command c) {
        return ("analyze".equals(c.name()) || "last".equals(c.name())) && c.argument().isBlank();
    }

    public boolean pausing(Command c) {
        return "pause".equals(c.name());
    }

    /** Who changed the kill switch, for the status view. */
    public String changedBy(Command c) {
        return "telegram:" + c.chatId();
    }

    /** Whether anyone may command at all: without an allowed chat, the poller is not started. */
    public boolean anyoneAllowed() {
        return !allowed.isEmpty();
    }

    public Command parse(IncomingMessage message) {
        String chatId = message.getChat() == null ? "" : String.valueOf(message.getChat().getId());
        String text = message.getText() == null ? "" : message.getText().strip();
        boolean authorized = allowed.contains(chatId);
        if (!text.startsWith("/")) {
            return new Command(chatId, authorized, "help", "");
        }
        String[] parts = text.substring(1).split("\\s+", 2);
        // "/status@my_bot" in groups names the bot after the command
        String name = parts[0].replaceAll("@.*$", "").toLowerCase(Locale.ROOT);
        String argument = parts.length > 1 ? parts[1].strip() : "";
        return new Command(chatId, authorized, NAMES.contains(name) ? name : "help", argument);
    }

    public TelegramText help(Command c) {
        return reply(c, """
                <b>auto-trader 명령</b>
                /status — 거래 모드, 일시정지 여부, 오늘 매수 금액
                /analyze &lt;코인&gt; — 지금 분석 (예: /analyze 비트코인, /analyze BTC)
                /last &lt;코인&gt; — 가장 최근 분석 결과
                /pause — 모든 주문 중지 (분석은 계속)
                /resume — 주문 재개
                /help — 이 도움말""");
    }

    public TelegramText status(Command c, Map<String, Object> control, Map<String, Object> today) {
        Map<String, Object> ctl = QueryParams.lowerCaseKeys(control);
        boolean paused = Boolean.TRUE.equals(ctl.get("paused"));
        return reply(c, "<b>상태</b>\n"
                + "모드: " + (trading.isLive() ? "실거래 (live)" : "모의투자 (paper)") + "\n"
                + "자동 거래: " + (trading.enabled() ? "켜짐" : "꺼짐") + "\n"
                + "주문: " + (paused ? "⏸ 일시정지 (" + AlertFormatter.escape(String.valueOf(ctl.get("changed_by"))) + ")"
                        : "▶️ 진행") + "\n"
                + "오늘 매수: " + money(today.get("bought_krw")) + " / 한도 " + money(today.get("max_daily_krw")));
    }

    public TelegramText paused(Command c, Map<String, Object> control) {
        boolean paused = Boolean.TRUE.equals(QueryParams.lowerCaseKeys(control).get("paused"));
        return reply(c, paused ? "⏸ 주문을 멈췄습니다. 분석은 계속됩니다. /resume 으로 재개합니다."
                : "▶️ 주문을 재개했습니다.");
    }

    public TelegramText analyzed(Command c, Map<String, Object> view) {
        return reply(c, "✅ 분석 완료: " + line(view));
    }

    public TelegramText last(Command c, List<Map<String, Object>> views) {
        if (views == null || views.isEmpty()) {
            return reply(c, "'" + AlertFormatter.escape(c.argument()) + "' 의 분석 결과가 아직 없습니다.");
        }
        return reply(c, "🕒 최근 분석: " + line(views.get(0)));
    }

    /** A refused or failed command, in the caller's words (the error detail, never a stack trace). */
    public TelegramText failed(Command c, String detail) {
        return reply(c, "❌ /" + c.name() + " 실패: " + AlertFormatter.escape(detail));
    }

    public TelegramText missingArgument(Command c) {
        return reply(c, "/" + c.name() + " 다음에 코인을 적어 주세요. 예: /" + c.name() + " 비트코인");
    }

    private static String line(Map<String, Object> v) {
        String decision = String.valueOf(v.get("decision"));
        return "<b>" + AlertFormatter.escape(String.valueOf(v.get("name"))) + "</b> ("
                + AlertFormatter.escape(String.valueOf(v.get("symbol"))) + ") "
                + DECISIONS.getOrDefault(decision, decision) + " · 신뢰도 " + v.get("confidence") + "% · 모델 "
                + AlertFormatter.escape(String.valueOf(v.get("model_name"))) + " · " + v.get("created_at")
                + " (id " + v.get("id") + ")";
    }

    private static String money(Object amount) {
        return amount == null ? "-" : String.format(Locale.ROOT, "%,.0f원", ((Number) amount).doubleValue());
    }

    private static TelegramText reply(Command c, String html) {
        return TelegramText.html(c.chatId(), html);
    }
}
