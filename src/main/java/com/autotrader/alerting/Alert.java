package com.autotrader.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One failure as the owner will read it: the error type, its message, context bullets (route, coin, endpoint,
 * status, trace id, time), the first stack frames, and the fingerprint that decides whether it is new.
 */
public record Alert(String fingerprint, String type, String message, Map<String, String> context,
                    List<String> stack, Instant occurredAt) {
}
