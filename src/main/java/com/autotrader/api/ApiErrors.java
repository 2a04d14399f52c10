package com.autotrader.api;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Maps any failure to the status and JSON a caller sees: 400 bad input, 404 unknown, 502 bad upstream
 * answer, 503 upstream down or rate limited, 504 upstream timeout, 500 anything else. Never a stack trace
 * and never a URL with a credential in it: upstreams are named, not quoted.
 */
@Component
public class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private final Upstreams upstreams;

    @Autowired
    public ApiErrors(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    ApiErrors(String upbit, String gemini, String telegram) {
        this(new Upstreams(Map.of("upbit", upbit, "gemini", gemini, "telegram", telegram)));
    }

    public ApiError map(Throwable failure) {
        ApiError error = classify(failure);
        if (error.status() == 500) {
            LOG.error("Request failed unexpectedly", failure);
        } else {
            LOG.warn("Request failed: {} {}", error.status(), error.detail());
        }
        return error;
    }

    ApiError classify(Throwable failure) {
        BadRequestException bad = rootOf(failure, BadRequestException.class);
        if (bad != null) {
            return new ApiError(400, "bad_request", bad.getMessage());
        }
        NotFoundException notFound = rootOf(failure, NotFoundException.class);
        if (notFound != null) {
            return new ApiError(404, "not_found", notFound.getMessage());
        }
        CallNotPermittedException open = rootOf(failure, CallNotPermittedException.class);
        if (open != null) {
            return new ApiError(503, "upstream_unavailable", open.getCausingCircuitBreakerName()
                    + " is failing: calls to it are paused while its circuit is open; try again in a minute");
        }
        UpstreamException upstream = rootOf(failure, UpstreamException.class);
        if (upstream != null) {
            return switch (upstream.kind()) {
                case BAD_GATEWAY -> new ApiError(502, "upstream_error", upstream.getMessage());
                case UNAVAILABLE -> new ApiError(503, "upstream_unavailable", upstream.getMessage());
                case TIMEOUT -> new ApiError(504, "upstream_timeout", upstream.getMessage());
            };
        }
        HttpOperationFailedException http = rootOf(failure, HttpOperationFailedException.class);
        if (http != null) {
            String service = serviceOf(http.getUri());
            String detail = service + " answered HTTP " + http.getStatusCode() + " for " + pathOf(http.getUri());
            boolean unavailable = http.getStatusCode() == 429 || http.getStatusCode() == 503;
            return new ApiError(unavailable ? 503 : 502, unavailable ? "upstream_unavailable" : "upstream_error", detail);
        }
        // the pool found no database, or a connection died under a statement (a restart, a network cut)
        if (rootOf(failure, org.springframework.dao.DataAccessResourceFailureException.class) != null
                || rootOf(failure, org.springframework.dao.TransientDataAccessResourceException.class) != null
                || rootOf(failure, java.sql.SQLTransientConnectionException.class) != null) {
            return new ApiError(503, "database_unavailable", "the app's database is unreachable; nothing was stored");
        }
        Throwable timeout = firstTimeout(failure);
        if (timeout != null) {
            return new ApiError(504, "upstream_timeout", serviceIn(timeout.getMessage()) + " did not answer in time");
        }
        Throwable unreachable = firstUnreachable(failure);
        if (unreachable != null) {
            return new ApiError(503, "upstream_unavailable", serviceIn(unreachable.getMessage()) + " is unreachable");
        }
        return new ApiError(500, "internal_error", "unexpected error (" + failure.getClass().getSimpleName()
                + "); the log has the details");
    }

    private String serviceOf(String uri) {
        String service = upstreams.serviceAt(uri);
        return service == null ? "upstream" : service;
    }

    private String serviceIn(String message) {
        String service = upstreams.serviceMentionedIn(message);
        return service == null ? "an upstream service" : service;
    }

    /** The path only: query strings and Telegram's /bot<token>/ never reach a caller. */
    private static String pathOf(String uri) {
        try {
            String path = URI.create(uri).getPath();
            return path == null ? "" : path.replaceAll("/bot[^/]+", "/bot***");
        } catch (IllegalArgumentException | NullPointerException e) {
            return "";
        }
    }

    private static Throwable firstTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException || c.getClass().getSimpleName().contains("Timeout")) {
                return c;
            }
        }
        return null;
    }

    private static Throwable firstUnreachable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof NoRouteToHostException) {
                return c;
            }
        }
        return null;
    }

    private static <T extends Throwable> T rootOf(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
