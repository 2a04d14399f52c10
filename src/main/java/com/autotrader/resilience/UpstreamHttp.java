package com.autotrader.resilience;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The HTTP client of the market APIs (Upbit's quotations, Yahoo, KIS; endpoint option
 * {@code httpClientConfigurer=#upstreamHttp}): the seed's 10 s, where the component-wide default is Gemini's 60 s.
 * A hung market call then ends as a 504 (and counts against its circuit breaker) instead of holding a schedule.
 */
@Component("upstreamHttp")
public class UpstreamHttp implements HttpClientConfigurer {

    private final Timeout timeout;

    public UpstreamHttp(@Value("${resilience.timeout-ms:10000}") long timeoutMillis) {
        this.timeout = Timeout.ofMilliseconds(timeoutMillis);
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.setDefaultRequestConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(timeout).setResponseTimeout(timeout).build());
    }
}
