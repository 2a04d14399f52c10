package com.autotrader.api;

/** The caller's input is malformed; the message says what is wrong and what is accepted. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
