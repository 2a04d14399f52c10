package com.autotrader.observability;

import java.net.URI;
import java.util.Locale;

/**
 * Where spans go, from the seed's variables: {@code OTEL_EXPORTER_OTLP_ENDPOINT} as the seed writes it
 * ({@code localhost:4317}, OTLP over gRPC, plain text when {@code OTEL_INSECURE}) or as an OTLP/HTTP URL
 * ({@code http://collector:4318}). {@code OTEL_EXPORTER_OTLP_PROTOCOL} ({@code grpc}, {@code http/protobuf})
 * decides when given.
 */
public record OtlpEndpoint(Protocol protocol, String url) {

    public enum Protocol { GRPC, HTTP }

    static final int HTTP_PORT = 4318;

    public static OtlpEndpoint parse(String endpoint, boolean insecure, String protocolOverride) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("OTEL_EXPORTER_OTLP_ENDPOINT is empty: set it, e.g. localhost:4317");
        }
        String raw = endpoint.strip();
        boolean schemeGiven = raw.contains("://");
        URI uri = URI.create(schemeGiven ? raw : (insecure ? "http://" : "https://") + raw);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("OTEL_EXPORTER_OTLP_ENDPOINT is not host:port or a URL: " + raw);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        Protocol protocol;
        if (protocolOverride != null && !protocolOverride.isBlank()) {
            protocol = protocolOverride.toLowerCase(Locale.ROOT).startsWith("http") ? Protocol.HTTP : Protocol.GRPC;
        } else {
            protocol = schemeGiven && (uri.getPort() == HTTP_PORT || path.length() > 1) ? Protocol.HTTP : Protocol.GRPC;
        }
        String base = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        if (protocol == Protocol.GRPC) {
            return new OtlpEndpoint(protocol, base);
        }
        String tracesPath = path.endsWith("/v1/traces") ? path : path.replaceAll("/+$", "") + "/v1/traces";
        return new OtlpEndpoint(protocol, base + tracesPath);
    }
}
