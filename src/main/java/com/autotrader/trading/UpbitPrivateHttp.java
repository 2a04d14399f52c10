package com.autotrader.trading;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The HTTP client of Upbit's private API (endpoint option {@code httpClientConfigurer=#upbitPrivateHttp}):
 * a short response timeout (the seed's 10 s), because an order that hangs is looked up by identifier rather
 * than waited for with Gemini's 60 s.
 */
@Component("upbitPrivateHttp")
public class UpbitPrivateHttp implements HttpClientConfigurer {

    private final Timeout timeout;

    public UpbitPrivateHttp(@Value("${trading.live.timeout-ms}") long timeoutMillis) {
        this.timeout = Timeout.ofMilliseconds(timeoutMillis);
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.setDefaultRequestConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(timeout).setResponseTimeout(timeout).build());
    }
}
