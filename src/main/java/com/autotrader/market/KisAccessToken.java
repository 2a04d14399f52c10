package com.autotrader.market;

import java.time.Instant;
import java.util.Objects;

/**
 * A KIS bearer token and when it stops working. {@link #toString()} hides the value so a logged token
 * object cannot leak a live credential.
 */
public record KisAccessToken(String value, Instant expiresAt) {

    public KisAccessToken {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("token value is blank");
        }
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "KisAccessToken[value=***, expiresAt=" + expiresAt + "]";
    }
}
