package com.autotrader.analysis;

/** The model's answer broke the contract (not JSON, a missing field, ranges out of order, …). */
public class InvalidDecisionException extends RuntimeException {

    public InvalidDecisionException(String message) {
        super(message);
    }
}
