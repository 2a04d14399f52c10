package com.autotrader.trading;

import com.autotrader.api.UpstreamException;

/** Upbit never confirmed or denied an order, after every retry and lookup: it may exist. */
public class OrderUnconfirmedException extends UpstreamException {

    public OrderUnconfirmedException(String message) {
        super("upbit", Kind.UNAVAILABLE, message);
    }
}
