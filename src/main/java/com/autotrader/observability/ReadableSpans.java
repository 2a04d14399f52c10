package com.autotrader.observability;

import com.autotrader.alerting.Secrets;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Makes Camel's spans read like the seed's trace before they leave: an HTTP call is
 * "GET /v1/candles/days" (Camel names it just "GET"), an SQL step "SQL insert-analysis" (not "sql") with the
 * statement in {@code db.statement} (named parameters, never values); and every string attribute is passed
 * through {@link Secrets#mask}, so a credential in a URL never reaches Tempo.
 */
public class ReadableSpans implements SpanExporter {

    private static final AttributeKey<String> COMPONENT = AttributeKey.stringKey("component");
    private static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.method");
    private static final AttributeKey<String> HTTP_STATUS = AttributeKey.stringKey("http.status_code");
    private static final AttributeKey<String> HTTP_URL = AttributeKey.stringKey("http.url");
    private static final AttributeKey<String> CAMEL_URI = AttributeKey.stringKey("camel.uri");
    private static final AttributeKey<String> DB_STATEMENT = AttributeKey.stringKey("db.statement");
    /** The app's SQL files, read once: span attributes show the statement Camel ran from each. */
    private static final Map<String, String> STATEMENTS = new ConcurrentHashMap<>();

    private final SpanExporter delegate;

    public ReadableSpans(SpanExporter delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        List<SpanData> readable = spans.stream().map(ReadableSpans::readable).toList();
        return delegate.export(readable);
    }

    static SpanData readable(SpanData span) {
        String name = name(span);
        Attributes attributes = masked(withStatement(span.getAttributes()));
        StatusData status = status(span);
        return new DelegatingSpanData(span) {
            @Override
            public StatusData getStatus() {
                return status;
            }

            @Override
            public String getName() {
                return name;
            }

            @Override
            public Attributes getAttributes() {
                return attributes;
            }
        };
    }

    /**
     * A call answered 4xx or 5xx failed, as OpenTelemetry's conventions have it for clients, also when the route
     * took the answer as it came (throwExceptionOnFailure=false, to retry it) and so raised no exception.
     */
    static StatusData status(SpanData span) {
        String code = span.getAttributes().get(HTTP_STATUS);
        if ("camel-http".equals(span.getAttributes().get(COMPONENT)) && code != null && code.matches("[45]\\d\\d")
                && span.getStatus().getStatusCode() != StatusCode.ERROR) {
            return StatusData.create(StatusCode.ERROR, "HTTP " + code);
        }
        return span.getStatus();
    }

    static String name(SpanData span) {
        String component = span.getAttributes().get(COMPONENT);
        if ("camel-http".equals(component)) {
            String method = span.getAttributes().get(HTTP_METHOD);
            String path = path(span.getAttributes().get(HTTP_URL));
            return (method == null ? span.getName() : method) + (path.isEmpty() ? "" : " " + path);
        }
        if ("camel-sql".equals(component)) {
            String uri = span.getAttributes().get(CAMEL_URI);
            if (uri != null) {
                String statement = uri.replaceFirst("\\?.*", "");
                statement = statement.substring(statement.lastIndexOf('/') + 1).replace(".sql", "");
                return "SQL " + statement;
            }
        }
        return span.getName();
    }

    private static Attributes withStatement(Attributes attributes) {
        String uri = attributes.get(CAMEL_URI);
        if (!"camel-sql".equals(attributes.get(COMPONENT)) || uri == null || !uri.contains("classpath:")) {
            return attributes;
        }
        String resource = uri.substring(uri.indexOf("classpath:") + "classpath:".length()).replaceFirst("\\?.*", "");
        String statement = STATEMENTS.computeIfAbsent(resource, ReadableSpans::load);
        return statement.isEmpty() ? attributes : attributes.toBuilder().put(DB_STATEMENT, statement).build();
    }

    private static String load(String resource) {
        try (InputStream in = ReadableSpans.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "";
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.strip().startsWith("--")).map(String::strip)
                    .collect(Collectors.joining(" ")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static String path(String url) {
        if (url == null) {
            return "";
        }
        try {
            String path = URI.create(url).getPath();
            return Secrets.mask(path == null ? "" : path);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static Attributes masked(Attributes attributes) {
        AttributesBuilder builder = Attributes.builder();
        attributes.forEach((key, value) -> {
            if (value instanceof String s) {
                builder.put(AttributeKey.stringKey(key.getKey()), Secrets.mask(s));
            } else {
                putRaw(builder, key, value);
            }
        });
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private static <T> void putRaw(AttributesBuilder builder, AttributeKey<T> key, Object value) {
        builder.put(key, (T) value);
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
