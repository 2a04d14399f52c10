package com.autotrader.resilience;

/** A breaker opened: what the owner's single alert for the outage says. */
public class CircuitOpenException extends RuntimeException {

    public CircuitOpenException(String message) {
        super(message);
    }
}
