package com.autotrader.alerting;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.telegram.model.OutgoingTextMessage;
import org.springframework.stereotype.Component;

/**
 * The Bot API call through camel-telegram, made synchronously. camel-telegram completes its sends on the HTTP
 * client's own thread; called as a plain {@code to}, a failure surfaces there, outside the route's error
 * handling, and the delivery loop never sees it. A template send of the route's own exchange waits, keeps the
 * exchange's trace (the send is a span of it), and rethrows the failure here instead.
 */
@Component
public class TelegramApi {

    static final String ENDPOINT = "telegram:bots?lazyStartProducer=true";

    private final ProducerTemplate producer;

    public TelegramApi(ProducerTemplate producer) {
        this.producer = producer;
    }

    public void send(Exchange exchange) throws Exception {
        if (!(exchange.getMessage().getBody() instanceof OutgoingTextMessage)) {
            throw new IllegalArgumentException("send-telegram must hand over an OutgoingTextMessage");
        }
        producer.send(ENDPOINT, exchange);
        Exception failure = exchange.getException();
        if (failure != null) {
            exchange.setException(null);
            throw failure;
        }
    }
}
