package com.autotrader.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.autotrader.alerting.Secrets;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * JSON console logs (profile {@code json-logs}, for Loki): every line gets {@code trace_id} and {@code span_id}
 * when a span is active, named as in the text format and Loki's derived field, and every string value is
 * masked like the text logs are.
 */
public class JsonLogCustomizer implements StructuredLoggingJsonMembersCustomizer<ILoggingEvent> {

    @Override
    public void customize(JsonWriter.Members<ILoggingEvent> members) {
        members.add("trace_id", event -> event.getMDCPropertyMap().get("traceId")).whenNotNull();
        members.add("span_id", event -> event.getMDCPropertyMap().get("spanId")).whenNotNull();
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, Secrets::mask));
    }
}
