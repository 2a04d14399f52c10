package com.autotrader.market;

import com.autotrader.api.BadRequestException;
import com.autotrader.api.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps what a user types (a Korean name such as 비트코인, a symbol such as BTC, a market such as KRW-BTC)
 * to an Upbit market. The list is loaded from {@code /v1/market/all} by the collect-data route and kept for
 * {@code upbit.market-cache-ttl}, so a request does not fetch it again.
 */
@Component
public class CoinDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CoinDirectory.class);

    private static final Pattern ACCEPTED = Pattern.compile("[\\p{IsHangul}\\p{L}\\p{N} .()\\-]{1,40}");
    /** "엑스알피(리플)" is also found as "엑스알피" and as "리플". */
    private static final Pattern NAME_WITH_ALIAS = Pattern.compile("(.+?)\\((.+)\\)");

    private final String quoteCurrency;
    private final Duration ttl;
    private final Clock clock;
    private volatile Index index;

    @Autowired
    public CoinDirectory(@Value("${upbit.quote-currency:KRW}") String quoteCurrency,
                         @Value("${upbit.market-cache-ttl:6h}") Duration ttl) {
        this(quoteCurrency, ttl, Clock.systemUTC());
    }

    public CoinDirectory(String quoteCurrency, Duration ttl, Clock clock) {
        this.quoteCurrency = quoteCurrency.toUpperCase(Locale.ROOT);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** True when the list was never loaded or is older than the TTL. */
    public boolean isStale() {
        Index current = index;
        return current == null || Duration.between(current.loadedAt, clock.instant()).compareTo(ttl) > 0;
    }

    public void load(List<Instrument> markets) {
        Map<String, Instrument> byKey = new HashMap<>();
        // Upbit lists a coin once per quote currency; the configured quote wins for names and symbols.
        for (Instrument m : markets) {
            byKey.put(m.symbol().toUpperCase(Locale.ROOT), m);
            boolean preferred = m.symbol().startsWith(quoteCurrency + "-");
            for (String name : names(m.name())) {
                byKey.merge(normaliseName(name), m, (old, neu) -> preferred ? neu : old);
            }
            byKey.merge(m.shortSymbol().toUpperCase(Locale.ROOT), m, (old, neu) -> preferred ? neu : old);
        }
        index = new Index(Map.copyOf(byKey), clock.instant(), markets.size());
        LOG.info("Upbit market list loaded: {} markets, kept for {}", markets.size(), ttl);
    }

    public int size() {
        Index current = index;
        return current == null ? 0 : current.size;
    }

    /** Validates the input's form; throws 400-style errors for garbage before anything is fetched. */
    public String validate(String input) {
        String trimmed = decoded(input == null ? "" : input).strip();
        if (!ACCEPTED.matcher(trimmed).matches()) {
            throw new BadRequestException("coin must be a Korean name (비트코인), a symbol (BTC) or a market "
                    + "(KRW-BTC): at most 40 letters, digits, spaces, dots, dashes or brackets");
        }
        return trimmed;
    }

    /** Path parameters can arrive still percent-encoded (비트코인 as %EB%B9%84…); no coin or stock name contains '%'. */
    static String decoded(String input) {
        if (input.indexOf('%') < 0) {
            return input;
        }
        try {
            return URLDecoder.decode(input, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return input;
        }
    }

    public Instrument resolve(String input) {
        String key = validate(input);
        Index current = index;
        if (current == null) {
            throw new IllegalStateException("the Upbit market list is not loaded");
        }
        Instrument found = current.byKey.get(key.toUpperCase(Locale.ROOT));
        if (found == null) {
            found = current.byKey.get(normaliseName(key));
        }
        if (found == null) {
            throw new NotFoundException("unknown coin '" + key + "': not a name, symbol or market listed by Upbit");
        }
        return found;
    }

    private static List<String> names(String name) {
        Matcher alias = NAME_WITH_ALIAS.matcher(name.strip());
        return alias.matches() ? List.of(name, alias.group(1), alias.group(2)) : List.of(name);
    }

    private static String normaliseName(String name) {
        return "name:" + name.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    private record Index(Map<String, Instrument> byKey, Instant loadedAt, int size) {
    }
}
