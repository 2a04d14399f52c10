package com.autotrader.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.springframework.stereotype.Component;

/** The trace an analysis ran in, stored with it so the results page can link to Tempo; null when not traced. */
@Component
public class TraceIds {

    public String current() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }
}
