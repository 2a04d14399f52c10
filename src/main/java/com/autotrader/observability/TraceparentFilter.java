package com.autotrader.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Joins Camel's REST span to Spring's HTTP server span, so one request is one trace. Spring opens the server
 * span; Camel starts its consumer span from the request's {@code traceparent} header only, so when the caller
 * sent none this hands Camel the server span's context as if it had.
 */
@Component
@ConditionalOnProperty(name = "otel.enabled", havingValue = "true")
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class TraceparentFilter extends OncePerRequestFilter {

    static final String HEADER = "traceparent";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SpanContext current = Span.current().getSpanContext();
        if (!current.isValid() || request.getHeader(HEADER) != null) {
            chain.doFilter(request, response);
            return;
        }
        String traceparent = "00-" + current.getTraceId() + "-" + current.getSpanId() + "-"
                + current.getTraceFlags().asHex();
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return HEADER.equalsIgnoreCase(name) ? traceparent : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return HEADER.equalsIgnoreCase(name) ? Collections.enumeration(List.of(traceparent)) : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                List<String> names = new ArrayList<>(Collections.list(super.getHeaderNames()));
                names.add(HEADER);
                return Collections.enumeration(names);
            }
        }, response);
    }
}
