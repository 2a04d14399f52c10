package com.autotrader.api;

import org.apache.camel.http.base.HttpOperationFailedException;

import java.util.Map;

/**
 * For calls made with {@code throwExceptionOnFailure=false} (so a route can loop on 429 and 5xx): once the loop
 * is over, a failed answer fails the exchange the way Camel's HTTP component would have, so error answers,
 * alerts and circuit breakers see the same HttpOperationFailedException whether or not it was retried.
 */
public final class HttpAnswers {

    private HttpAnswers() {
    }

    public static void requireSuccess(String uri, Integer status, String statusText, String body)
            throws HttpOperationFailedException {
        if (status == null) {
            throw new IllegalStateException("no HTTP status for " + uri);
        }
        if (status >= 300) {
            throw new HttpOperationFailedException(uri, status, statusText, null, Map.of(), body);
        }
    }
}
