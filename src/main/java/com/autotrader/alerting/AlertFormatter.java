package com.autotrader.alerting;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's alert layout as Telegram HTML: 🔴 ERROR: type, the message in a block, context bullets, a short
 * stack trace, and how many duplicates were held back since when. Only {@code < > &} need escaping in HTML
 * mode. Telegram takes at most 4096 characters: the stack is cut first, then the message.
 */
@Component
public class AlertFormatter {

    public static final int TELEGRAM_LIMIT = 4096;
    /** Context key marking a refused or failed order: such alerts take the seed's "❌ 매수 주문 실패" layout. */
    public static final String ORDER_SIDE = "order_side";
    static final int MAX_VALUE = 300;
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");

    public String format(Alert alert, long suppressed, Instant suppressedSince) {
        Alert bounded = new Alert(alert.fingerprint(), alert.type(), alert.message(), boundedContext(alert),
                alert.stack(), alert.occurredAt());
        List<String> stack = new ArrayList<>(bounded.stack());
        String message = bounded.message();
        String text = render(bounded, message, stack, suppressed, suppressedSince);
        while (text.length() > TELEGRAM_LIMIT && !stack.isEmpty()) {
            stack.remove(stack.size() - 1);
            text = render(bounded, message, stack, suppressed, suppressedSince);
        }
        if (text.length() <= TELEGRAM_LIMIT) {
            return text;
        }
        // the longest head of the raw message that fits once escaped (escaping grows it unevenly)
        int low = 0;
        int high = message.length();
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (render(bounded, cut(message, mid), stack, suppressed, suppressedSince).length() <= TELEGRAM_LIMIT) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return render(bounded, cut(message, low), stack, suppressed, suppressedSince);
    }

    /** A context value is a line, not a document: each is kept under MAX_VALUE characters. */
    private static Map<String, String> boundedContext(Alert alert) {
        Map<String, String> context = new LinkedHashMap<>();
        alert.context().forEach((k, v) -> context.put(k, v.length() > MAX_VALUE ? cut(v, MAX_VALUE) : v));
        return context;
    }

    /** The first {@code length} characters, never splitting a surrogate pair, marked as cut. */
    private static String cut(String text, int length) {
        int end = Math.min(length, text.length());
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + " …(cut)";
    }

    private static String render(Alert alert, String message, List<String> stack, long suppressed, Instant since) {
        if (alert.context().containsKey(ORDER_SIDE)) {
            return renderTrade(alert, message, suppressed, since);
        }
        StringBuilder t = new StringBuilder();
        t.append("🔴 <b>ERROR: ").append(escape(alert.type())).append("</b>\n\n");
        t.append("<b>Message:</b>\n<pre>").append(escape(message)).append("</pre>\n");
        if (suppressed > 0) {
            t.append("\n⚠️ ").append(suppressed).append(" identical alert(s) held back since ")
                    .append(since == null ? "the last one" : TIME.format(since.atZone(KST)) + " KST").append('\n');
        }
        if (!alert.context().isEmpty()) {
            t.append("\n<b>Context:</b>\n");
            alert.context().forEach((k, v) -> t.append("  • ").append(escape(k)).append(": ").append(escape(v)).append('\n'));
        }
        if (!stack.isEmpty()) {
            t.append("\n<b>Stack Trace:</b>\n<pre>");
            t.append(escape(String.join("\n", stack)));
            t.append("</pre>");
        }
        return t.toString().stripTrailing();
    }

    /** ❌ 매수 주문 실패 / 코인 / 이유 / 잔액 · 필요, then the message and the other context; no stack trace. */
    private static String renderTrade(Alert alert, String message, long suppressed, Instant since) {
        Map<String, String> rest = new LinkedHashMap<>(alert.context());
        String side = rest.remove(ORDER_SIDE);
        String coin = rest.remove("coin");
        String market = rest.remove("market");
        String reason = rest.remove("reason");
        String balance = rest.remove("balance");
        String required = rest.remove("required");
        StringBuilder t = new StringBuilder();
        t.append("❌ <b>").append(escape(side)).append(" 주문 실패</b>\n");
        if (coin != null || market != null) {
            t.append("코인: ").append(escape(coin != null ? coin : market));
            if (coin != null && market != null && !coin.equals(market)) {
                t.append(" (").append(escape(market)).append(')');
            }
            t.append('\n');
        }
        t.append("이유: ").append(escape(reason != null ? reason : alert.type())).append('\n');
        if (balance != null && required != null) {
            t.append("잔액: ").append(escape(balance)).append(" / 필요: ").append(escape(required)).append('\n');
        }
        t.append("\n<pre>").append(escape(message)).append("</pre>\n");
        if (suppressed > 0) {
            t.append("\n⚠️ ").append(suppressed).append(" identical alert(s) held back since ")
                    .append(since == null ? "the last one" : TIME.format(since.atZone(KST)) + " KST").append('\n');
        }
        if (!rest.isEmpty()) {
            t.append('\n');
            rest.forEach((k, v) -> t.append("  • ").append(escape(k)).append(": ").append(escape(v)).append('\n'));
        }
        return t.toString().stripTrailing();
    }

    public static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
