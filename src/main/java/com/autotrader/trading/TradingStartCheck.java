package com.autotrader.trading;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Says at start how the app will trade, and when TRADING_MODE=live lacks a key, says which one in the log and
 * as an alert: the app stays up and healthy and every trade is refused with the same words.
 */
@Component
public class TradingStartCheck implements ExtendedStartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(TradingStartCheck.class);

    private final TradingSettings settings;
    private final RiskGuards guards;
    private final ProducerTemplate producer;

    public TradingStartCheck(TradingSettings settings, RiskGuards guards, ProducerTemplate producer,
                             CamelContext camel) throws Exception {
        this.settings = settings;
        this.guards = guards;
        this.producer = producer;
        // once every route runs, so the alert can travel through report-failure
        camel.addStartupListener(this);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // routes may still be starting: wait for onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        check();
    }

    void check() {
        LOG.info("Trading: mode {}, {}", settings.mode(), settings.enabled()
                ? "schedules trade on each fresh analysis" : "off (TRADING_ENABLED=false)");
        try {
            guards.checkMode();
        } catch (TradingException refused) {
            LOG.error("{}", refused.getMessage());
            producer.send("direct:report-failure", exchange -> exchange.setProperty(Exchange.EXCEPTION_CAUGHT, refused));
        }
    }
}
