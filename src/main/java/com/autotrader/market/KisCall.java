package com.autotrader.market;

import com.autotrader.api.UpstreamException;

import java.time.Duration;

/**
 * One KIS API call through call-kis: the path, tr_id and query, and what its answer means. A token KIS
 * rejects (EGW00121 / EGW00123, with HTTP 200 or 500 alike) is dropped and the call made once more with a new
 * one; a rate-limit refusal (EGW00201) waits and tries again; anything else ends the call with its error.
 */
public class KisCall {

    static final String RATE_LIMITED = "EGW00201";

    private final String path;
    private final String trId;
    private final String query;
    private final int maxRateRetries;
    private final Duration rateWait;
    private boolean pending = true;
    private boolean tokenRetried;
    private int rateRetries;
    private long waitMillis;
    private String token;
    private String body;

    public KisCall(String path, String trId, String query, int maxRateRetries, Duration rateWait) {
        this.path = path;
        this.trId = trId;
        this.query = query;
        this.maxRateRetries = maxRateRetries;
        this.rateWait = rateWait;
    }

    public boolean pending() {
        return pending;
    }

    public String path() {
        return path;
    }

    public String trId() {
        return trId;
    }

    public String query() {
        return query;
    }

    public long waitMillis() {
        return waitMillis;
    }

    /** The token this attempt is sent with (so a rejection drops exactly that one). */
    public String useToken(String bearerValue) {
        this.token = bearerValue;
        return "Bearer " + bearerValue;
    }

    public String token() {
        return token;
    }

    public String body() {
        return body;
    }

    /**
     * Reads the answer. Returns true when the token was rejected and must be dropped before the retry; throws
     * what ends the call.
     */
    public boolean answered(int status, String answer, KisParser parser) {
        waitMillis = 0;
        try {
            parser.checkOk(answer);
        } catch (KisApiException e) {
            if (e.tokenProblem() && !tokenRetried) {
                tokenRetried = true;
                return true;
            }
            if (RATE_LIMITED.equals(e.msgCd()) && rateRetries < maxRateRetries) {
                rateRetries++;
                waitMillis = rateWait.toMillis() * rateRetries;
                return false;
            }
            pending = false;
            throw e;
        } catch (UpstreamException e) {
            // not KIS's JSON at all (a gateway page, an empty body): the status says what happened
            pending = false;
            if (status == 429 || status >= 500) {
                throw new UpstreamException("kis", UpstreamException.Kind.UNAVAILABLE,
                        "KIS answered HTTP " + status + " on " + path, e);
            }
            throw e;
        }
        if (status < 200 || status >= 300) {
            pending = false;
            throw new UpstreamException("kis", status == 429 || status >= 500
                    ? UpstreamException.Kind.UNAVAILABLE : UpstreamException.Kind.BAD_GATEWAY,
                    "KIS answered HTTP " + status + " on " + path);
        }
        body = answer;
        pending = false;
        return false;
    }

    @Override
    public String toString() {
        return trId + " " + path + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
