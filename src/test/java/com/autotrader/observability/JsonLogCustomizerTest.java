package com.autotrader.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonWriter;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLogCustomizerTest {

    private static final String TOKEN = "123456789:AAE_test-Token_value_0123456789abcdefXYZ";

    private final JsonWriter<ILoggingEvent> writer = JsonWriter.of(members -> {
        members.add("message", ILoggingEvent::getFormattedMessage);
        new JsonLogCustomizer().customize(members);
    });

    private static ILoggingEvent event(String message, Map<String, String> mdc) {
        LoggingEvent event = new LoggingEvent("test", new LoggerContext().getLogger("test"), Level.INFO, message, null, null);
        event.setMDCPropertyMap(mdc);
        return event;
    }

    @Test
    void aLineInsideASpanCarriesTraceAndSpanIds() {
        String json = writer.writeToString(event("Analyzing coin: BTC",
                Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7")));

        assertThat(json).contains("\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"", "\"span_id\":\"00f067aa0ba902b7\"");
    }

    @Test
    void aLineOutsideASpanHasNoEmptyIds() {
        assertThat(writer.writeToString(event("Started", Map.of()))).doesNotContain("trace_id", "span_id");
    }

    @Test
    void credentialsAreMasked() {
        String json = writer.writeToString(event("POST https://api.telegram.org/bot" + TOKEN + "/sendMessage failed",
                Map.of()));

        assertThat(json).doesNotContain(TOKEN).contains("/bot***/sendMessage");
    }
}
