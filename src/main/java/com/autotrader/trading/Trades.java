package com.autotrader.trading;

import com.autotrader.analysis.PriceRange;
import com.autotrader.market.UpbitParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/** The small conversions the trading routes need: a stored analysis into a signal, a run's tally, a submission. */
@Component
public class Trades {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UpbitPrivateParser parser;
    private final UpbitParser quotes;
    private final int maxCalls;
    private final Duration backoff;

    public Trades(UpbitPrivateParser parser, UpbitParser quotes, @Value("${trading.live.max-calls}") int maxCalls,
                  @Value("${trading.live.retry-backoff-ms}") long backoffMillis) {
        this.parser = parser;
        this.quotes = quotes;
        this.maxCalls = maxCalls;
        this.backoff = Duration.ofMillis(backoffMillis);
    }

    /** From a row of select-result.sql (analysis_results_view); no row is a 404. */
    public TradeSignal signal(Map<String, Object> row, Object id) {
        if (row == null || row.isEmpty()) {
            throw new com.autotrader.api.NotFoundException("no analysis result with id " + id);
        }
        row = com.autotrader.api.QueryParams.lowerCaseKeys(row);
        return new TradeSignal(((Number) row.get("id")).longValue(), (String) row.get("symbol"), (String) row.get("name"),
                (String) row.get("decision"), ((Number) row.get("confidence")).intValue(),
                range(row, "appropriate_buy"), range(row, "appropriate_sell"), range(row, "buy_hope"),
                range(row, "sell_target"), (String) row.get("model_name"));
    }

    public TradeRun run() {
        return new TradeRun();
    }

    public OrderSubmission submission(PlannedOrder order) {
        return new OrderSubmission(order, parser, maxCalls, backoff);
    }

    public String json(Map<String, Object> fields) throws JsonProcessingException {
        return JSON.writeValueAsString(fields);
    }

    /** One query parameter, for a signed GET or DELETE (the hash covers exactly what is sent). */
    public Map<String, Object> query(String name, String value) {
        Map<String, Object> q = new java.util.LinkedHashMap<>();
        q.put(name, value);
        return q;
    }

    /** The trade price of a /v1/ticker answer. */
    public BigDecimal lastPrice(String tickerBody) {
        return BigDecimal.valueOf(quotes.ticker(tickerBody).tradePrice());
    }

    /**
     * DELETE /v1/order's answer for one of our open orders: accepted means cancelled (keeping what filled);
     * anything else stops the run, since placing new orders beside ones that could not be cancelled would
     * spend twice.
     */
    public OrderState cancelAnswer(OrderState open, int status, String body) {
        if (status >= 200 && status < 300) {
            OrderState answer = parser.order(body);
            return new OrderState(open.uuid(), open.identifier(), open.market(), open.side(), "cancel", open.price(),
                    open.volume(), answer.executedVolume());
        }
        String name = UpbitPrivateParser.errorName(body);
        throw new TradingException("CancelFailed", open.side(), "Upbit would not cancel order " + open.identifier()
                + " (HTTP " + status + (name == null ? "" : ", " + name) + "); no new order was placed for " + open.market());
    }

    // The routes call these with the run or submission held on the exchange.

    public void submitted(OrderSubmission s, int status, String body) {
        s.submitted(status, body);
    }

    public void lookedUp(OrderSubmission s, int status, String body) {
        s.lookedUp(status, body);
    }

    public void noAnswer(OrderSubmission s, Exception e) {
        s.noAnswer(e);
    }

    public OrderState outcome(OrderSubmission s) {
        return s.outcome();
    }

    public void placed(TradeRun run, OrderState order) {
        run.placed(order);
    }

    public void cancelled(TradeRun run, OrderState order) {
        run.cancelled(order);
    }

    public void failed(TradeRun run, Exception e) {
        run.failed(e);
    }

    public OrderPlan placedPlan(TradeRun run, OrderPlan plan) {
        return run.placedPlan(plan);
    }

    public void rethrow(TradeRun run) {
        run.rethrow();
    }

    /** A pause that landed between the first check and the journal: logged, not reported as a failure. */
    public boolean pausedMeanwhile(Throwable failure) {
        TradingException trade = TradingException.in(failure);
        return trade != null && "TradingPaused".equals(trade.reason());
    }

    public String currency(String market) {
        return PaperBroker.currency(market);
    }

    private static PriceRange range(Map<String, Object> row, String name) {
        return new PriceRange(((BigDecimal) row.get(name + "_min")).doubleValue(),
                ((BigDecimal) row.get(name + "_max")).doubleValue());
    }
}
