package com.autotrader.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code alerts_reported_total}, {@code alerts_suppressed_total} and
 * {@code telegram_messages_total{status="sent"|"failed"}} (failed: kept in the outbox after every retry).
 * Registered at 0 on start, so rate() and increase() see the first event after a restart too.
 */
@Component
public class AlertMetrics {

    private final Counter reported;
    private final Counter suppressed;
    private final Counter sent;
    private final Counter failed;

    public AlertMetrics(MeterRegistry registry) {
        reported = Counter.builder("alerts.reported").description("Alerts sent on to Telegram (new in their window)")
                .register(registry);
        suppressed = Counter.builder("alerts.suppressed").description("Duplicate alerts held back by the window")
                .register(registry);
        sent = Counter.builder("telegram.messages").description("Telegram messages, by outcome")
                .tag("status", "sent").register(registry);
        failed = Counter.builder("telegram.messages").description("Telegram messages, by outcome")
                .tag("status", "failed").register(registry);
    }

    public void reported() {
        reported.increment();
    }

    public void suppressed() {
        suppressed.increment();
    }

    public void telegram(TelegramDelivery delivery) {
        (delivery.isDelivered() ? sent : failed).increment();
    }
}
