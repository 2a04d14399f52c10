package com.autotrader.alerting;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code alerts_reported_total}, {@code alerts_suppressed_total} and
 * {@code telegram_messages_total{status="sent"|"failed"}} (failed: kept in the outbox after every retry).
 */
@Component
public class AlertMetrics {

    private final MeterRegistry registry;

    public AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void reported() {
        registry.counter("alerts.reported").increment();
    }

    public void suppressed() {
        registry.counter("alerts.suppressed").increment();
    }

    public void telegram(TelegramDelivery delivery) {
        registry.counter("telegram.messages", "status", delivery.isDelivered() ? "sent" : "failed").increment();
    }
}
