package com.autotrader.trading;

import com.autotrader.resilience.UpstreamHttp;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The HTTP client of Upbit's private API (endpoint option {@code httpClientConfigurer=#upbitPrivateHttp}): its
 * own response timeout (trading.live.timeout-ms, the seed's 10 s), because an order that hangs is looked up by
 * identifier rather than waited for.
 */
@Component("upbitPrivateHttp")
public class UpbitPrivateHttp extends UpstreamHttp {

    public UpbitPrivateHttp(@Value("${trading.live.timeout-ms}") long timeoutMillis) {
        super(timeoutMillis);
    }
}
