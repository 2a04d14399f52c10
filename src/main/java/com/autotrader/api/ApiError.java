package com.autotrader.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a failed request answers: an HTTP status and {@code {"error": code, "detail": text}}. */
public record ApiError(int status, String error, String detail) {

    /** The JSON body; the REST binding marshals it like every other answer. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        return body;
    }
}
