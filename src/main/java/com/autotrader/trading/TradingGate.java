package com.autotrader.trading;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Closes trading the moment shutdown begins, before Camel stops its routes: in-flight analyses may finish,
 * but no order starts after that (a leg not yet sent is kept as failed with reason ShuttingDown).
 */
@Component
public class TradingGate implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(TradingGate.class);

    private volatile boolean open;

    @Override
    public void start() {
        open = true;
    }

    @Override
    public void stop() {
        if (open) {
            LOG.info("Shutting down: no new order will start");
        }
        open = false;
    }

    @Override
    public boolean isRunning() {
        return open;
    }

    /** Stopped first (highest phase), before the web server and the Camel context. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    public void checkOpen() {
        if (!open) {
            throw new TradingException("ShuttingDown", null, "the app is shutting down; no order was placed");
        }
    }
}
