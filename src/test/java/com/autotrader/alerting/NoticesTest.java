package com.autotrader.alerting;

import com.autotrader.support.MutableClock;
import com.autotrader.analysis.Analysis;
import com.autotrader.analysis.Decision;
import com.autotrader.analysis.PriceRange;
import com.autotrader.market.Instrument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Notices, and the SuppressedAlerts counts that feed its alerts. */
class NoticesTest {

    private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

    private final AlertFormatter formatter = new AlertFormatter();
    private final Notices notices = new Notices(formatter, " -100999 ", " 12345 ");

    private static Analysis analysis(String decision, int confidence, List<String> reasons) {
        Decision d = new Decision(decision, confidence, reasons,
                new PriceRange(94_000_000, 95_000_000), new PriceRange(99_000_000, 101_250_000),
                new PriceRange(90_000_000, 91_000_000), new PriceRange(110_000_000, 120_000_000), "details");
        return new Analysis(d, "gemini-2.5-<flash>", "prompt", 100, 50, 150, 1234);
    }

    @Test
    void analysisDoneText() {
        TelegramText text = notices.analysisDone(Instrument.upbit("KRW-BTC", "비트코인"),
                analysis("buy", 75, List.of("RSI < 30 & 거래량 증가", "<b>bold</b> claim")), 95_123_456.0);

        assertThat(text.chatId()).isEqualTo("12345");
        assertThat(text.html()).isTrue();
        assertThat(text.text()).isEqualTo("""
                📈 <b>AI 분석 완료</b>
                종목: 비트코인 (KRW-BTC)
                결정: <b>매수</b> (buy) · 신뢰도 75%
                현재가: 95,123,456
                적정 매수: 94,000,000 ~ 95,000,000
                적정 매도: 99,000,000 ~ 101,250,000
                근거:
                  • RSI &lt; 30 &amp; 거래량 증가
                  • &lt;b&gt;bold&lt;/b&gt; claim
                모델: gemini-2.5-&lt;flash&gt;""");
    }

    @ParameterizedTest
    @CsvSource({"buy, 매수", "hold, 관망", "sell, 매도"})
    void decisionInKorean(String decision, String korean) {
        TelegramText text = notices.analysisDone(Instrument.upbit("KRW-ETH", "이더리움"),
                analysis(decision, 60, List.of("r")), 5_000_000);

        assertThat(text.text()).contains("📈 <b>AI 분석 완료</b>")
                .contains("결정: <b>" + korean + "</b> (" + decision + ")")
                .contains("신뢰도 60%");
    }

    @Test
    void smallPricesKeepTheirDecimals() {
        Decision d = new Decision("hold", 55, List.of(), new PriceRange(0.1234, 0.5), new PriceRange(1_234.6, 2_000),
                new PriceRange(0.1, 0.2), new PriceRange(1, 2), "");
        TelegramText text = notices.analysisDone(Instrument.upbit("KRW-XRP", "리플"),
                new Analysis(d, "rules-v1", "", null, null, null, 0), 812.5);

        assertThat(text.text()).contains("현재가: 812.5\n", "적정 매수: 0.1234 ~ 0.5\n", "적정 매도: 1,235 ~ 2,000\n")
                .doesNotContain("근거:");
    }

    @Test
    void forAlertGoesToTheErrorChat() {
        Alert alert = new Alert("fp", "IllegalStateException", "boom <x>", Map.of("route", "r"), List.of(), T0);
        SuppressedAlerts.Held held = new SuppressedAlerts.Held(3, T0);

        TelegramText text = notices.forAlert(alert, held);

        assertThat(text.chatId()).isEqualTo("-100999");
        assertThat(text.html()).isTrue();
        assertThat(text.text()).isEqualTo(formatter.format(alert, 3, T0))
                .startsWith("🔴 <b>ERROR: IllegalStateException</b>")
                .contains("boom &lt;x&gt;", "3 identical alert(s) held back since 03-01 09:00:00 KST");
    }

    // SuppressedAlerts, in-process (no Redis)

    @Test
    void suppressedCountsSinceTheFirstAndResetsOnTake() {
        SuppressedAlerts suppressed = new SuppressedAlerts(null);

        suppressed.count("fp", T0);
        suppressed.count("fp", T0.plus(Duration.ofMinutes(1)));
        suppressed.count("fp", T0.plus(Duration.ofMinutes(2)));
        suppressed.count("fp", T0.plus(Duration.ofMinutes(2)));   // same instant: both count
        suppressed.count("other", T0);

        SuppressedAlerts.Held held = suppressed.take("fp", T0.plus(Duration.ofMinutes(5)));
        assertThat(held.count()).isEqualTo(4);
        assertThat(held.since()).isEqualTo(T0);

        SuppressedAlerts.Held again = suppressed.take("fp", T0.plus(Duration.ofMinutes(6)));
        assertThat(again.count()).isZero();
        assertThat(again.since()).isNull();

        assertThat(suppressed.take("other", T0.plus(Duration.ofSeconds(1))).count()).isEqualTo(1);
    }

    @Test
    void aDuplicateThatHappenedAfterTheNewAlertWaitsForTheNextOne() {
        SuppressedAlerts suppressed = new SuppressedAlerts(null);
        Instant newAlert = T0.plus(Duration.ofMinutes(5));
        suppressed.count("fp", T0);
        suppressed.count("fp", newAlert.plusMillis(3));   // processed before the new alert took its count

        assertThat(suppressed.take("fp", newAlert).count()).isEqualTo(1);
        SuppressedAlerts.Held next = suppressed.take("fp", newAlert.plus(Duration.ofMinutes(10)));
        assertThat(next.count()).isEqualTo(1);
        assertThat(next.since()).isEqualTo(newAlert.plusMillis(3));
    }

    @Test
    void forAlertWithNothingHeldBackSaysNothingAboutIt() {
        SuppressedAlerts suppressed = new SuppressedAlerts(null);
        Alert alert = new Alert("fp", "X", "boom", Map.of(), List.of(), T0);

        TelegramText text = notices.forAlert(alert, suppressed.take("fp", T0));

        assertThat(text.text()).doesNotContain("held back");
    }
}
