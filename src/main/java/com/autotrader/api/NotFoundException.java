package com.autotrader.api;

/** The caller asked for something that does not exist (an unknown coin, a missing result). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
