package com.autotrader.observability;

import org.junit.jupiter.api.Test;

import static com.autotrader.observability.OtlpEndpoint.Protocol.GRPC;
import static com.autotrader.observability.OtlpEndpoint.Protocol.HTTP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OtlpEndpointTest {

    @Test
    void theSeedsHostAndPortIsGrpc() {
        assertThat(OtlpEndpoint.parse("localhost:4317", true, "")).isEqualTo(new OtlpEndpoint(GRPC, "http://localhost:4317"));
        assertThat(OtlpEndpoint.parse("collector:4317", false, null)).isEqualTo(new OtlpEndpoint(GRPC, "https://collector:4317"));
        assertThat(OtlpEndpoint.parse("http://collector:4317", true, "")).isEqualTo(new OtlpEndpoint(GRPC, "http://collector:4317"));
    }

    @Test
    void anHttpUrlOn4318OrWithAPathIsOtlpHttp() {
        assertThat(OtlpEndpoint.parse("http://collector:4318", true, ""))
                .isEqualTo(new OtlpEndpoint(HTTP, "http://collector:4318/v1/traces"));
        assertThat(OtlpEndpoint.parse("https://otel.example/otlp/", true, ""))
                .isEqualTo(new OtlpEndpoint(HTTP, "https://otel.example/otlp/v1/traces"));
        assertThat(OtlpEndpoint.parse("http://collector:4318/v1/traces", true, ""))
                .isEqualTo(new OtlpEndpoint(HTTP, "http://collector:4318/v1/traces"));
    }

    @Test
    void theProtocolVariableDecides() {
        assertThat(OtlpEndpoint.parse("http://127.0.0.1:9999", true, "http/protobuf"))
                .isEqualTo(new OtlpEndpoint(HTTP, "http://127.0.0.1:9999/v1/traces"));
        assertThat(OtlpEndpoint.parse("http://collector:4318", true, "grpc")).isEqualTo(new OtlpEndpoint(GRPC, "http://collector:4318"));
    }

    @Test
    void nonsenseIsAClearError() {
        assertThatThrownBy(() -> OtlpEndpoint.parse(" ", true, "")).hasMessageContaining("OTEL_EXPORTER_OTLP_ENDPOINT");
        assertThatThrownBy(() -> OtlpEndpoint.parse("http://", true, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
