package com.autotrader.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code api_calls_total{service,operation,status}} and {@code api_call_duration_seconds}: every call to an
 * upstream (Upbit, Gemini, Yahoo, KIS, Telegram), counted on failure too, from Camel's "exchange sent" events,
 * so no route has to remember to count.
 */
@Component
public class UpstreamCallMetrics extends EventNotifierSupport {

    private final MeterRegistry registry;
    private final Map<String, String> servicesByAuthority = new LinkedHashMap<>();

    public UpstreamCallMetrics(MeterRegistry registry, @Value("${upbit.base-url}") String upbit,
                               @Value("${gemini.base-url}") String gemini, @Value("${yahoo.base-url}") String yahoo,
                               @Value("${kis.base-url}") String kis) {
        this.registry = registry;
        register("upbit", upbit);
        register("gemini", gemini);
        register("yahoo", yahoo);
        register("kis", kis);
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreStepEvents(true);
    }

    private void register(String service, String baseUrl) {
        try {
            String authority = URI.create(baseUrl).getAuthority();
            if (authority != null) {
                servicesByAuthority.putIfAbsent(authority, service);
            }
        } catch (IllegalArgumentException ignored) {
            // an unusable base URL is reported where it is used
        }
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeSentEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        CamelEvent.ExchangeSentEvent sent = (CamelEvent.ExchangeSentEvent) event;
        String uri = sent.getEndpoint().getEndpointUri();
        Exchange exchange = sent.getExchange();
        String service;
        String operation;
        if (uri.startsWith("telegram:")) {
            service = "telegram";
            operation = "sendMessage";
        } else if (uri.startsWith("http")) {
            String actual = exchange.getIn().getHeader(Exchange.HTTP_URI, uri, String.class);
            URI parsed = URI.create(actual.replace(" ", "%20"));
            service = servicesByAuthority.get(parsed.getAuthority());
            operation = operation(parsed.getPath());
        } else {
            return;
        }
        if (service == null) {
            return;
        }
        Integer code = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String status = exchange.getException() != null || (code != null && code >= 400) ? "error" : "success";
        Counter.builder("api.calls").description("Calls to upstream services, by outcome")
                .tag("service", service).tag("operation", operation).tag("status", status)
                .register(registry).increment();
        Timer.builder("api.call.duration").description("Upstream call time")
                .tag("service", service).tag("operation", operation)
                .register(registry).record(Duration.ofMillis(sent.getTimeTaken()));
    }

    /** The path, with Gemini's model folded so each model does not make a new series of its own. */
    static String operation(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.replaceAll("/models/[^/:]+:", "/models/{model}:");
    }
}
