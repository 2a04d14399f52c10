package com.autotrader.commands;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Starts the getUpdates poller (route telegram-commands) only when it can work: a bot token, commands enabled
 * and at least one allowed chat. Telegram allows one poller per token (more instances: see the README).
 */
@Component
public class TelegramCommandsStarter implements ExtendedStartupListener {

    static final String ROUTE = "telegram-commands";
    private static final Logger LOG = LoggerFactory.getLogger(TelegramCommandsStarter.class);

    private final boolean wanted;
    private final String why;

    public TelegramCommandsStarter(CamelContext camel, TelegramCommands commands,
                                   @Value("${telegram.token:}") String token,
                                   @Value("${telegram.commands.enabled:true}") boolean enabled) throws Exception {
        this.wanted = enabled && !token.isBlank() && commands.anyoneAllowed();
        this.why = !enabled ? "TELEGRAM_COMMANDS_ENABLED=false" : token.isBlank() ? "no TELEGRAM_TOKEN"
                : "no allowed chat (TELEGRAM_ALLOWED_CHAT_IDS, TELEGRAM_CHAT_ID or ERROR_REPORTING_CHAT_ID)";
        camel.addStartupListener(this);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // wait until every route runs
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        if (wanted) {
            context.getRouteController().startRoute(ROUTE);
            LOG.info("Telegram commands: polling getUpdates");
        } else {
            LOG.info("Telegram commands: off ({})", why);
        }
    }
}
