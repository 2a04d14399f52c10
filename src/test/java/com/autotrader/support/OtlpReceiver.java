package com.autotrader.support;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal OTLP/HTTP trace receiver (POST /v1/traces, protobuf) on loopback: what a collector would get.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One received span, ids in hex as Tempo and the logs show them. */
    public record ReceivedSpan(String name, String traceId, String spanId, String parentSpanId, String kind,
                               Map<String, String> attributes, Map<String, String> resource, String statusCode,
                               List<String> eventNames) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private final boolean keep;

    public OtlpReceiver() {
        this(true);
    }

    /** With {@code keep} false only counts what arrives: a benchmark sends more spans than a heap should hold. */
    public OtlpReceiver(boolean keep) {
        this.keep = keep;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(in);
                for (ResourceSpans rs : request.getResourceSpansList()) {
                    Map<String, String> resource = attributes(rs.getResource().getAttributesList());
                    for (ScopeSpans ss : rs.getScopeSpansList()) {
                        received.addAndGet(ss.getSpansCount());
                        for (Span s : keep ? ss.getSpansList() : List.<Span>of()) {
                            spans.add(new ReceivedSpan(s.getName(), hex(s.getTraceId().toByteArray()),
                                    hex(s.getSpanId().toByteArray()), hex(s.getParentSpanId().toByteArray()),
                                    s.getKind().name(), attributes(s.getAttributesList()), resource,
                                    s.getStatus().getCode().name(),
                                    s.getEventsList().stream().map(Span.Event::getName).toList()));
                        }
                    }
                }
            }
            byte[] ok = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<ReceivedSpan> spans() {
        return new ArrayList<>(spans);
    }

    public long received() {
        return received.get();
    }

    public void clear() {
        spans.clear();
    }

    private static Map<String, String> attributes(List<KeyValue> list) {
        Map<String, String> m = new LinkedHashMap<>();
        for (KeyValue kv : list) {
            var v = kv.getValue();
            m.put(kv.getKey(), v.hasStringValue() ? v.getStringValue() : v.hasIntValue() ? String.valueOf(v.getIntValue())
                    : v.hasBoolValue() ? String.valueOf(v.getBoolValue()) : v.toString().strip());
        }
        return m;
    }

    private static String hex(byte[] bytes) {
        return bytes.length == 0 ? "" : HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
