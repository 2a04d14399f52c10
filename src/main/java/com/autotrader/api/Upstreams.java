package com.autotrader.api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which upstream a URL or an error message is about (upbit, gemini, yahoo, kis, telegram), from the
 * configured base URLs: error answers name the service, metrics label calls with it.
 */
@Component
public class Upstreams {

    private final Map<String, String> servicesByAuthority = new LinkedHashMap<>();

    @Autowired
    public Upstreams(@Value("${upbit.base-url}") String upbit, @Value("${gemini.base-url}") String gemini,
                     @Value("${yahoo.base-url}") String yahoo, @Value("${kis.base-url}") String kis,
                     @Value("${telegram.base-url}") String telegram) {
        this(Map.of("upbit", upbit, "gemini", gemini, "yahoo", yahoo, "kis", kis, "telegram", telegram));
    }

    Upstreams(Map<String, String> baseUrlsByService) {
        // a fixed order, so a host shared by two services (only ever in tests) always names the same one
        for (String service : new String[] {"upbit", "gemini", "yahoo", "kis", "telegram"}) {
            String baseUrl = baseUrlsByService.get(service);
            if (baseUrl == null) {
                continue;
            }
            try {
                String authority = URI.create(baseUrl).getAuthority();
                if (authority != null) {
                    servicesByAuthority.putIfAbsent(authority, service);
                }
            } catch (IllegalArgumentException ignored) {
                // an unusable base URL is reported where it is used
            }
        }
    }

    /** The service whose base URL has this URL's host and port, or null. */
    public String serviceAt(String uri) {
        try {
            return uri == null ? null : servicesByAuthority.get(URI.create(uri.replace(" ", "%20")).getAuthority());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The service whose host and port the text mentions (connection errors name them), or null. */
    public String serviceMentionedIn(String text) {
        if (text != null) {
            for (Map.Entry<String, String> e : servicesByAuthority.entrySet()) {
                if (text.contains(e.getKey())) {
                    return e.getValue();
                }
            }
        }
        return null;
    }
}
