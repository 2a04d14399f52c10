package com.autotrader.api;

/**
 * An upstream service failed or answered with something unusable. {@code kind} decides the status the
 * caller sees: BAD_GATEWAY (bad answer), UNAVAILABLE (down, refusing, rate limited), TIMEOUT.
 */
public class UpstreamException extends RuntimeException {

    public enum Kind { BAD_GATEWAY, UNAVAILABLE, TIMEOUT }

    private final String service;
    private final Kind kind;

    public UpstreamException(String service, Kind kind, String message) {
        this(service, kind, message, null);
    }

    public UpstreamException(String service, Kind kind, String message, Throwable cause) {
        super(service + ": " + message, cause);
        this.service = service;
        this.kind = kind;
    }

    public static UpstreamException badData(String service, String message) {
        return new UpstreamException(service, Kind.BAD_GATEWAY, "malformed response: " + message);
    }

    public String service() {
        return service;
    }

    public Kind kind() {
        return kind;
    }
}
