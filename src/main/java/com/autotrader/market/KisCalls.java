package com.autotrader.market;

import org.apache.camel.Message;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * What call-kis needs around each KIS request: the call's state, and the headers KIS wants on every call
 * (token, app key and secret, tr_id, customer type). The keys go into headers here, in code, so no route
 * definition (as Hawtio shows it) ever holds them.
 */
@Component
public class KisCalls {

    private final KisTokens tokens;
    private final KisParser parser;
    private final String appKey;
    private final String appSecret;
    private final int maxRateRetries;
    private final Duration rateWait;

    public KisCalls(KisTokens tokens, KisParser parser, @Value("${kis.app-key:}") String appKey,
                    @Value("${kis.app-secret:}") String appSecret,
                    @Value("${kis.rate-limit-retries:2}") int maxRateRetries,
                    @Value("${kis.rate-limit-wait:1s}") Duration rateWait) {
        this.tokens = tokens;
        this.parser = parser;
        this.appKey = appKey.strip();
        this.appSecret = appSecret.strip();
        this.maxRateRetries = maxRateRetries;
        this.rateWait = rateWait;
    }

    public KisCall call(String path, String trId, String query) {
        return new KisCall(path, trId, query, maxRateRetries, rateWait);
    }

    /** Sets the headers of one attempt. */
    public void sign(KisCall call, Message message) {
        message.setHeader("authorization", call.useToken(tokens.token().value()));
        message.setHeader("appkey", appKey);
        message.setHeader("appsecret", appSecret);
        message.setHeader("tr_id", call.trId());
        message.setHeader("custtype", "P");
        message.setHeader("Content-Type", "application/json; charset=utf-8");
        if (call.query() != null) {
            message.setHeader("CamelHttpQuery", call.query());
        }
    }

    /** Reads one answer; a rejected token is dropped so the retry issues a new one. */
    public void answered(KisCall call, int status, String body) {
        if (call.answered(status, body, parser)) {
            tokens.invalidate(call.token());
        }
    }

    /** The body of tokenP: grant type, app key and secret. */
    public String tokenRequest() {
        return "{\"grant_type\":\"client_credentials\",\"appkey\":\"" + json(appKey) + "\",\"appsecret\":\""
                + json(appSecret) + "\"}";
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
