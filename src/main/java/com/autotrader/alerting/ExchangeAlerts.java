package com.autotrader.alerting;

import com.autotrader.trading.InsufficientFundsException;
import com.autotrader.trading.TradeAmounts;
import com.autotrader.trading.TradingException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads what an alert should say about a failed exchange (route, coin, request, upstream endpoint and status,
 * trace id) and hands it to {@link AlertFactory}. The only Camel-aware piece of alerting.
 */
@Component
public class ExchangeAlerts {

    private final AlertFactory alerts;

    public ExchangeAlerts(AlertFactory alerts) {
        this.alerts = alerts;
    }

    public Alert capture(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = new IllegalStateException("failure reported without an exception");
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("route", failedRoute(exchange));
        context.put("coin", exchange.getProperty("coin", String.class));
        context.put("market", exchange.getProperty("market", String.class));
        String request = exchange.getProperty("request", String.class);
        if (request != null && request.contains(" ")) {
            int space = request.indexOf(' ');
            context.put("request", request.substring(0, space) + " " + pathOf(request.substring(space + 1)));
        }
        context.put("api_endpoint", pathOf(exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class)));
        HttpOperationFailedException http = find(failure, HttpOperationFailedException.class);
        if (http != null) {
            context.put("http_status", http.getStatusCode());
            context.put("api_endpoint", pathOf(http.getUri()));
        }
        TradingException trade = find(failure, TradingException.class);
        if (trade != null) {
            context.putAll(tradeContext(trade));
        }
        context.put("trace_id", MDC.get("traceId"));
        return alerts.from(failure, context);
    }

    /** What the seed's "❌ 매수 주문 실패" alert shows: the side, the reason and, when short of funds, the amounts. */
    static Map<String, Object> tradeContext(TradingException trade) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(AlertFormatter.ORDER_SIDE, trade.side() == null ? "주문" : trade.side().korean());
        context.put("reason", trade.reason());
        if (trade instanceof InsufficientFundsException funds) {
            context.put("balance", TradeAmounts.format(funds.available(), funds.currency()));
            context.put("required", TradeAmounts.format(funds.required(), funds.currency()));
        }
        return context;
    }

    /** False for a call an open circuit breaker refused: the breaker's own alert told the owner, once. */
    public boolean worthReporting(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return find(failure, io.github.resilience4j.circuitbreaker.CallNotPermittedException.class) == null;
    }

    /** The step that failed: steps record themselves on entry (route-configurations, "steps"). */
    static String failedRoute(Exchange exchange) {
        String step = exchange.getProperty("step", String.class);
        return step != null ? step : exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
    }

    /** Only the path: query strings can carry cursors and keys, and Telegram's path carries the token. */
    static String pathOf(String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        try {
            String withoutOptions = uri.contains("://") ? uri : uri.replaceFirst("^[a-z0-9+-]+:", "scheme://x/");
            String path = URI.create(withoutOptions.replace(" ", "%20")).getPath();
            return Secrets.mask(path == null || path.isEmpty() ? uri.split("\\?")[0] : path);
        } catch (IllegalArgumentException e) {
            return Secrets.mask(uri.split("\\?")[0]);
        }
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
