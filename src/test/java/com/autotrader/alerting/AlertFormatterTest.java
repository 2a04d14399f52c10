package com.autotrader.alerting;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class AlertFormatterTest {

    private static final Instant AT = Instant.parse("2024-03-01T00:00:00Z");
    private static final Pattern BROKEN_ENTITY = Pattern.compile("&(?!amp;|lt;|gt;)");

    private final AlertFormatter formatter = new AlertFormatter();

    private static Map<String, String> context() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("route", "analysis-upbit");
        c.put("coin", "KRW-BTC");
        c.put("time", "2024-03-01 09:00:00 KST");
        return c;
    }

    private static Alert alert(String message, Map<String, String> context, List<String> stack) {
        return new Alert("fp", "IllegalStateException", message, context, stack, AT);
    }

    private static List<String> frames(int n) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            frames.add("at com.autotrader.market.UpbitClient.step" + i + "(UpbitClient.java:" + (100 + i) + ")");
        }
        return frames;
    }

    @Test
    void layoutHasHeaderMessageContextAndStack() {
        String text = formatter.format(alert("Upbit answered 502", context(), frames(2)), 0, null);

        assertThat(text).isEqualTo("""
                🔴 <b>ERROR: IllegalStateException</b>

                <b>Message:</b>
                <pre>Upbit answered 502</pre>

                <b>Context:</b>
                  • route: analysis-upbit
                  • coin: KRW-BTC
                  • time: 2024-03-01 09:00:00 KST

                <b>Stack Trace:</b>
                <pre>at com.autotrader.market.UpbitClient.step0(UpbitClient.java:100)
                at com.autotrader.market.UpbitClient.step1(UpbitClient.java:101)</pre>""");
        assertThat(text).doesNotContain("held back");
    }

    @Test
    void emptyContextAndStackLeaveTheirSectionsOut() {
        String text = formatter.format(alert("boom", Map.of(), List.of()), 0, null);

        assertThat(text).startsWith("🔴 <b>ERROR: IllegalStateException</b>")
                .contains("<pre>boom</pre>")
                .doesNotContain("Context:").doesNotContain("Stack Trace:");
    }

    @Test
    void htmlInMessageAndContextIsEscaped() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("request", "GET /x?a=1&b=<script>");
        String text = formatter.format(alert("<script>alert(1)</script> & more", c, List.of()), 0, null);

        assertThat(text).contains("<pre>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</pre>")
                .contains("  • request: GET /x?a=1&amp;b=&lt;script&gt;")
                .doesNotContain("<script>");
    }

    @Test
    void escapeHandlesAmpersandFirstAndNull() {
        assertThat(AlertFormatter.escape("a < b && c > d")).isEqualTo("a &lt; b &amp;&amp; c &gt; d");
        assertThat(AlertFormatter.escape("&lt;")).isEqualTo("&amp;lt;");
        assertThat(AlertFormatter.escape(null)).isEmpty();
    }

    @Test
    void suppressedCountAndSinceInKst() {
        String text = formatter.format(alert("boom", context(), List.of()), 7, Instant.parse("2024-03-01T14:30:15Z"));

        assertThat(text).contains("⚠️ 7 identical alert(s) held back since 03-01 23:30:15 KST");
    }

    @Test
    void suppressedWithoutSince() {
        String text = formatter.format(alert("boom", context(), List.of()), 2, null);

        assertThat(text).contains("⚠️ 2 identical alert(s) held back since the last one");
    }

    @Test
    void hugeMessageAndStackAreCutToTheTelegramLimitKeepingHeaderAndContext() {
        StringBuilder message = new StringBuilder();
        while (message.length() < 10_000) {
            message.append("upstream said no ").append(message.length()).append(". ");
        }
        String text = formatter.format(alert(message.substring(0, 10_000), context(), frames(100)), 3, AT);

        assertThat(text.length()).isLessThanOrEqualTo(AlertFormatter.TELEGRAM_LIMIT).isGreaterThan(3_900);
        assertThat(text).startsWith("🔴 <b>ERROR: IllegalStateException</b>")
                .contains("  • route: analysis-upbit", "  • coin: KRW-BTC", "  • time: 2024-03-01 09:00:00 KST")
                .contains("3 identical alert(s) held back")
                .contains("…(cut)</pre>")
                .contains("<pre>upstream said no 17. ")
                .doesNotContain("Stack Trace");
    }

    @Test
    void stackIsCutBeforeTheMessage() {
        String message = "m".repeat(3_000);
        String text = formatter.format(alert(message, context(), frames(100)), 0, null);

        assertThat(text.length()).isLessThanOrEqualTo(AlertFormatter.TELEGRAM_LIMIT);
        assertThat(text).contains("<pre>" + message + "</pre>")
                .doesNotContain("…(cut)")
                .contains("<b>Stack Trace:</b>", "step0(UpbitClient.java:100)")
                .doesNotContain("step99(");
        assertThat(text).endsWith("</pre>");
    }

    @Test
    void escapingHeavyMessageStaysWithinTheLimitWithoutABrokenEntity() {
        String text = formatter.format(alert("&".repeat(3_000), context(), frames(5)), 0, null);

        assertThat(text.length()).isLessThanOrEqualTo(AlertFormatter.TELEGRAM_LIMIT);
        assertThat(text).startsWith("🔴 <b>ERROR: IllegalStateException</b>")
                .contains("  • route: analysis-upbit")
                .contains("…(cut)</pre>")
                .doesNotContain("&am…").doesNotContain("&amp …");
        assertThat(BROKEN_ENTITY.matcher(text).find()).as("broken entity in %s", text).isFalse();
    }

    @Test
    void mixedEscapingMessageIsCutOnAWholeCharacter() {
        String text = formatter.format(alert("<a&b> ".repeat(2_000), context(), frames(5)), 0, null);

        assertThat(text.length()).isLessThanOrEqualTo(AlertFormatter.TELEGRAM_LIMIT);
        assertThat(text).contains("…(cut)</pre>");
        assertThat(BROKEN_ENTITY.matcher(text).find()).isFalse();
        assertThat(text).doesNotContainPattern("&(a|am|amp|l|lt|g|gt) …\\(cut\\)");
    }

    @Test
    void aMessageOfEscapedCharactersKeepsAsMuchAsFits() {
        String text = formatter.format(alert("&".repeat(3000), context(), frames(3)), 0, null);

        assertThat(text.length()).isLessThanOrEqualTo(AlertFormatter.TELEGRAM_LIMIT);
        int kept = text.split("&amp;", -1).length - 1;
        assertThat(kept).as("as many as fit, not none").isGreaterThan(700);
        assertThat(AlertFormatter.TELEGRAM_LIMIT - text.length()).as("no room wasted").isLessThan(5);
    }

    @Test
    void aHugeContextValueIsCutToALine() {
        Map<String, String> context = new java.util.LinkedHashMap<>(context());
        context.put("request", "GET /" + "q".repeat(5000));

        String text = formatter.format(alert("boom", context, frames(3)), 0, null);

        assertThat(text.length()).isLessThanOrEqualTo(AlertFormatter.TELEGRAM_LIMIT);
        assertThat(text).contains("• request: GET /qqq", "…(cut)", "boom");
    }

    @Test
    void theCutNeverSplitsAnEmoji() {
        String message = "a".repeat(3990) + "🚀".repeat(200);

        String text = formatter.format(alert(message, context(), List.of()), 0, null);

        assertThat(text.length()).isLessThanOrEqualTo(AlertFormatter.TELEGRAM_LIMIT);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))).isTrue();
            } else if (Character.isLowSurrogate(c)) {
                assertThat(i > 0 && Character.isHighSurrogate(text.charAt(i - 1))).isTrue();
            }
        }
    }
}
