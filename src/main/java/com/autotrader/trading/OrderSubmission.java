package com.autotrader.trading;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How one live order reaches Upbit without ever being placed twice: its identifier is fixed, so a second POST
 * of it is refused. A 429 is sent again after a pause (Upbit did nothing); a timeout, a 5xx or a
 * duplicate-identifier refusal is looked up by identifier before anything else, and only an order Upbit
 * does not know is sent again. The route loops on {@link #pending()}, doing {@link #next()} after
 * {@link #waitMillis()}.
 */
public class OrderSubmission {

    public enum Step { SUBMIT, LOOKUP }

    private final PlannedOrder order;
    private final UpbitPrivateParser parser;
    private final int maxCalls;
    private final Duration backoff;
    private Step next = Step.SUBMIT;
    private int calls;
    private int retries;
    private long waitMillis;
    private OrderState result;
    private RuntimeException failure;
    private String lastProblem = "no answer yet";

    public OrderSubmission(PlannedOrder order, UpbitPrivateParser parser, int maxCalls, Duration backoff) {
        this.order = order;
        this.parser = parser;
        this.maxCalls = maxCalls;
        this.backoff = backoff;
    }

    public boolean pending() {
        return result == null && failure == null;
    }

    public Step next() {
        return next;
    }

    public long waitMillis() {
        return waitMillis;
    }

    public PlannedOrder order() {
        return order;
    }

    public int calls() {
        return calls;
    }

    /** POST /v1/orders fields, in the order they are sent and hashed. */
    public Map<String, Object> orderParams() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("market", order.market());
        p.put("side", order.side().upbit());
        p.put("volume", order.volume().stripTrailingZeros().toPlainString());
        p.put("price", order.price().stripTrailingZeros().toPlainString());
        p.put("ord_type", "limit");
        p.put("identifier", order.identifier());
        return p;
    }

    public Map<String, Object> lookupParams() {
        return Map.of("identifier", order.identifier());
    }

    /** The answer to POST /v1/orders. */
    public void submitted(int status, Object body) {
        calls++;
        waitMillis = 0;
        if (status >= 200 && status < 300) {
            result = parser.order(body);
            return;
        }
        String name = UpbitPrivateParser.errorName(body);
        String message = UpbitPrivateParser.errorMessage(body);
        lastProblem = "HTTP " + status + (name == null ? "" : " " + name);
        if (status == 429) {
            retryAfterPause(Step.SUBMIT);
        } else if (status >= 500) {
            retryAfterPause(Step.LOOKUP);
        } else if (isDuplicate(name, message)) {
            next = Step.LOOKUP;
            checkBudget();
        } else if (name != null && name.startsWith("insufficient_funds")) {
            failure = new TradingException("InsufficientFunds", order.side(),
                    "Upbit refused " + order.identifier() + ": " + (message == null ? name : message));
        } else {
            failure = new TradingException("OrderRejected", order.side(), "Upbit refused " + order.identifier()
                    + " (HTTP " + status + (name == null ? "" : ", " + name) + (message == null ? "" : ": " + message) + ")");
        }
    }

    /** No answer at all (timeout, connection reset): the order may or may not exist, so look it up. */
    public void noAnswer(Exception e) {
        calls++;
        lastProblem = e.getClass().getSimpleName();
        retryAfterPause(Step.LOOKUP);
    }

    /** The answer to GET /v1/order?identifier=…. */
    public void lookedUp(int status, Object body) {
        calls++;
        waitMillis = 0;
        if (status >= 200 && status < 300) {
            result = parser.order(body);
        } else if (status == 404) {
            lastProblem = "not found by identifier";
            // Upbit does not know it: sending it again is safe, a late duplicate is refused by identifier
            retryAfterPause(Step.SUBMIT);
        } else {
            lastProblem = "lookup HTTP " + status;
            retryAfterPause(Step.LOOKUP);
        }
    }

    public OrderState result() {
        return result;
    }

    /** The order Upbit confirmed, or the failure that ended the submission. */
    public OrderState outcome() {
        if (failure != null) {
            throw failure;
        }
        if (result == null) {
            throw new IllegalStateException("order " + order.identifier() + " is still pending");
        }
        return result;
    }

    public RuntimeException failure() {
        return failure;
    }

    private void retryAfterPause(Step step) {
        next = step;
        waitMillis = backoff.multipliedBy(1L << Math.min(retries, 6)).toMillis();
        retries++;
        checkBudget();
    }

    private void checkBudget() {
        if (pending() && calls >= maxCalls) {
            failure = new OrderUnconfirmedException("Upbit did not confirm order " + order.identifier() + " after "
                    + calls + " calls (" + lastProblem + "); it may exist: check Upbit before trading again");
        }
    }

    private static boolean isDuplicate(String name, String message) {
        String text = ((name == null ? "" : name) + " " + (message == null ? "" : message)).toLowerCase(Locale.ROOT);
        return text.contains("identifier") || text.contains("duplicate") || text.contains("중복");
    }

    /** For logs: never the keys, only what was asked and how far it got. */
    @Override
    public String toString() {
        return order.identifier() + " " + order.side().upbit() + " " + order.volume().toPlainString() + " @ "
                + order.price().toPlainString() + ", " + calls + " call(s)";
    }
}
