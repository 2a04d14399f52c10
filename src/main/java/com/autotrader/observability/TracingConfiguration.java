package com.autotrader.observability;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Exports the spans of every route step over OTLP when {@code OTEL_ENABLED=true}. Spring Boot builds the
 * OpenTelemetry SDK (resource attributes, sampling, the MDC bridge); camel-opentelemetry2 traces the routes with
 * Boot's Tracer; this picks the exporter the seed's endpoint variable asks for.
 */
@Configuration
@ConditionalOnProperty(name = "otel.enabled", havingValue = "true")
public class TracingConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TracingConfiguration.class);

    /**
     * camel-opentelemetry2 reads a caller's trace context with the registry's ContextPropagators, else with the
     * global OpenTelemetry, which Boot leaves a no-op. W3C trace context and baggage, as Boot uses; Boot's SDK
     * takes this bean too.
     */
    @Bean
    @ConditionalOnMissingBean(ContextPropagators.class)
    public ContextPropagators camelContextPropagators() {
        return ContextPropagators.create(TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
                W3CBaggagePropagator.getInstance()));
    }

    @Bean
    public SpanExporter otlpSpanExporter(@Value("${otel.endpoint}") String endpoint,
                                         @Value("${otel.insecure:true}") boolean insecure,
                                         @Value("${otel.protocol:}") String protocol,
                                         @Value("${otel.service-name}") String serviceName) {
        OtlpEndpoint target = OtlpEndpoint.parse(endpoint, insecure, protocol);
        LOG.info("Telemetry initialized: {} -> {} (OTLP {})", serviceName, target.url(), target.protocol());
        SpanExporter otlp = switch (target.protocol()) {
            case GRPC -> OtlpGrpcSpanExporter.builder().setEndpoint(target.url()).build();
            case HTTP -> OtlpHttpSpanExporter.builder().setEndpoint(target.url()).build();
        };
        return new ReadableSpans(otlp);
    }
}
