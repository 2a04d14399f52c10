package com.autotrader.commands;

import com.autotrader.alerting.TelegramText;
import com.autotrader.market.CoinDirectory;
import com.autotrader.market.Instrument;
import com.autotrader.trading.TradingSettings;
import org.apache.camel.component.telegram.model.Chat;
import org.apache.camel.component.telegram.model.IncomingMessage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TelegramCommandsTest {

    final TradingSettings paper = new TradingSettings("paper", true, new BigDecimal("50000"), new BigDecimal("300000"),
            "KRW-BTC");
    final CoinDirectory coins = loaded();
    final TelegramCommands commands = new TelegramCommands("", "555", "777", paper, coins);

    static CoinDirectory loaded() {
        CoinDirectory d = new CoinDirectory("KRW", Duration.ofHours(6), Clock.systemUTC());
        d.load(List.of(Instrument.upbit("KRW-BTC", "비트코인"), Instrument.upbit("KRW-ETH", "이더리움")));
        return d;
    }

    static IncomingMessage message(String chatId, String text) {
        IncomingMessage m = new IncomingMessage();
        Chat chat = new Chat();
        chat.setId(chatId);
        m.setChat(chat);
        m.setText(text);
        return m;
    }

    @Test
    void theNotificationAndErrorChatsMayCommandByDefaultAndNobodyElse() {
        assertThat(commands.parse(message("555", "/status")).authorized()).isTrue();
        assertThat(commands.parse(message("777", "/status")).authorized()).isTrue();
        assertThat(commands.parse(message("999", "/status")).authorized()).isFalse();
        TelegramCommands listed = new TelegramCommands(" 42 , 43", "555", "777", paper, coins);
        assertThat(listed.parse(message("43", "/pause")).authorized()).isTrue();
        assertThat(listed.parse(message("555", "/pause")).authorized()).isFalse();
        assertThat(new TelegramCommands("", "", "", paper, coins).anyoneAllowed()).isFalse();
    }

    @Test
    void commandsAreReadWithTheirArgumentAndBotSuffixUnknownOnesAreHelp() {
        Command analyze = commands.parse(message("555", "  /Analyze   비트코인 "));
        assertThat(analyze.name()).isEqualTo("analyze");
        assertThat(analyze.argument()).isEqualTo("비트코인");
        assertThat(commands.parse(message("555", "/status@auto_trader_bot")).name()).isEqualTo("status");
        assertThat(commands.parse(message("555", "/rm -rf")).name()).isEqualTo("help");
        assertThat(commands.parse(message("555", "hello")).name()).isEqualTo("help");
        assertThat(commands.parse(message("555", null)).name()).isEqualTo("help");
        assertThat(commands.missesArgument(commands.parse(message("555", "/last")))).isTrue();
        assertThat(commands.missesArgument(commands.parse(message("555", "/last BTC")))).isFalse();
        assertThat(commands.missesArgument(commands.parse(message("555", "/status")))).isFalse();
    }

    @Test
    void lastTakesACoinByNameOrSymbolAndAStockCodeAsWritten() {
        assertThat(commands.symbolFor("비트코인")).isEqualTo("KRW-BTC");
        assertThat(commands.symbolFor("eth")).isEqualTo("KRW-ETH");
        assertThat(commands.symbolFor("aapl")).isEqualTo("AAPL");
    }

    @Test
    void repliesGoToTheAskingChatEscapedAsHtml() {
        Command c = commands.parse(message("555", "/last <b>"));
        TelegramText none = commands.last(c, List.of());
        assertThat(none.chatId()).isEqualTo("555");
        assertThat(none.html()).isTrue();
        assertThat(none.text()).contains("&lt;b&gt;").doesNotContain("<b>'");

        TelegramText last = commands.last(c, List.of(Map.of("name", "비트코인", "symbol", "KRW-BTC", "decision", "buy",
                "confidence", 80, "model_name", "rules-v1", "created_at", "2026-11-26T16:30:00+09:00", "id", 7)));
        assertThat(last.text()).isEqualTo("🕒 최근 분석: <b>비트코인</b> (KRW-BTC) 매수 · 신뢰도 80% · 모델 rules-v1 · "
                + "2026-11-26T16:30:00+09:00 (id 7)");

        TelegramText status = commands.status(c, Map.of("PAUSED", true, "CHANGED_BY", "telegram:555"),
                Map.of("bought_krw", new BigDecimal("40000"), "max_daily_krw", new BigDecimal("300000")));
        assertThat(status.text()).contains("모의투자 (paper)", "⏸ 일시정지 (telegram:555)", "오늘 매수: 40,000원 / 한도 300,000원");
        assertThat(commands.failed(c, "unknown coin '<x>'").text()).isEqualTo("❌ /last 실패: unknown coin '&lt;x&gt;'");
        assertThat(commands.changedBy(c)).isEqualTo("telegram:555");
    }
}
