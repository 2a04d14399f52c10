package com.autotrader.alerting;

import com.autotrader.analysis.Analysis;
import com.autotrader.analysis.Decision;
import com.autotrader.analysis.PriceRange;
import com.autotrader.market.Instrument;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;

/** The Telegram texts: an alert to the error chat, and the "analysis done" notice to the owner's chat. */
@Component
public class Notices {

    private static final Map<String, String> DECISIONS = Map.of("buy", "매수", "hold", "관망", "sell", "매도");

    private final AlertFormatter formatter;
    private final String errorChatId;
    private final String notifyChatId;

    public Notices(AlertFormatter formatter, @Value("${error-reporting.chat-id:}") String errorChatId,
                   @Value("${telegram.chat-id:}") String notifyChatId) {
        this.formatter = formatter;
        this.errorChatId = errorChatId.strip();
        this.notifyChatId = notifyChatId.strip();
    }

    public TelegramText forAlert(Alert alert, SuppressedAlerts.Held held) {
        return TelegramText.html(errorChatId, formatter.format(alert, held.count(), held.since()));
    }

    public TelegramText analysisDone(Instrument instrument, Analysis analysis, double currentPrice) {
        Decision d = analysis.decision();
        StringBuilder t = new StringBuilder();
        t.append("📈 <b>AI 분석 완료</b>\n");
        t.append("종목: ").append(AlertFormatter.escape(instrument.name())).append(" (")
                .append(AlertFormatter.escape(instrument.symbol())).append(")\n");
        t.append("결정: <b>").append(DECISIONS.getOrDefault(d.decision(), d.decision())).append("</b> (")
                .append(d.decision()).append(") · 신뢰도 ").append(d.confidence()).append("%\n");
        t.append("현재가: ").append(price(currentPrice)).append('\n');
        t.append("적정 매수: ").append(range(d.appropriateBuy())).append('\n');
        t.append("적정 매도: ").append(range(d.appropriateSell())).append('\n');
        if (!d.reasons().isEmpty()) {
            t.append("근거:\n");
            d.reasons().forEach(r -> t.append("  • ").append(AlertFormatter.escape(r)).append('\n'));
        }
        t.append("모델: ").append(AlertFormatter.escape(analysis.modelName()));
        return TelegramText.html(notifyChatId, t.toString());
    }

    private static String range(PriceRange r) {
        return price(r.min()) + " ~ " + price(r.max());
    }

    private static String price(double value) {
        String pattern = Math.abs(value) >= 1000 ? "#,##0" : "#,##0.####";
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }
}
