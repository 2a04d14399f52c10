package com.autotrader.commands;

import com.autotrader.schedule.ClusterLease;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the getUpdates poller (route telegram-commands) when it can work (a bot token, commands enabled, an
 * allowed chat) and on one instance only: Telegram allows one poller per token, so the instance holding the
 * "telegram-commands" lease in the shared database polls, renewing it; the others wait and take over when
 * the lease lapses.
 */
@Component
public class TelegramCommandsStarter implements ExtendedStartupListener, DisposableBean {

    static final String ROUTE = "telegram-commands";
    private static final Logger LOG = LoggerFactory.getLogger(TelegramCommandsStarter.class);

    private final CamelContext camel;
    private final ClusterLease lease;
    private final Duration ttl;
    private final boolean wanted;
    private final String why;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "telegram-commands-lease");
        t.setDaemon(true);
        return t;
    });

    public TelegramCommandsStarter(CamelContext camel, TelegramCommands commands, ClusterLease lease,
                                   @Value("${telegram.token:}") String token,
                                   @Value("${telegram.commands.enabled:true}") boolean enabled,
                                   @Value("${telegram.commands.lease:30s}") Duration ttl) throws Exception {
        this.camel = camel;
        this.lease = lease;
        this.ttl = ttl;
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
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        if (!wanted) {
            LOG.info("Telegram commands: off ({})", why);
            return;
        }
        long period = Math.max(200, ttl.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::check, 0, period, TimeUnit.MILLISECONDS);
    }

    /** Polls while this instance holds the lease; stops polling the moment it does not. */
    void check() {
        try {
            boolean mine = lease.hold(ROUTE, ttl);
            ServiceStatus status = camel.getRouteController().getRouteStatus(ROUTE);
            if (mine && status != ServiceStatus.Started) {
                camel.getRouteController().startRoute(ROUTE);
                LOG.info("Telegram commands: polling getUpdates (lease held by {})", lease.owner());
            } else if (!mine && status == ServiceStatus.Started) {
                camel.getRouteController().stopRoute(ROUTE);
                LOG.info("Telegram commands: another instance polls now");
            }
        } catch (Exception e) {
            LOG.warn("Telegram commands lease check failed: {}", e.getMessage());
        }
    }

    public boolean polling() {
        return camel.getRouteController().getRouteStatus(ROUTE) == ServiceStatus.Started;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        if (wanted) {
            try {
                lease.release(ROUTE);
            } catch (RuntimeException e) {
                // the lease lapses by itself
            }
        }
    }
}
