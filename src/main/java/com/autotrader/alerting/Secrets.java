package com.autotrader.alerting;

import java.util.regex.Pattern;

/**
 * Masks credentials in any text that may reach a log, an alert or an error message. The Telegram token sits
 * in the Bot API URL ({@code /bot123456:ABC.../sendMessage}), and camel-telegram quotes that URL in its errors.
 */
public final class Secrets {

    private static final Pattern BOT_TOKEN = Pattern.compile("(?<=/bot)[0-9]{3,}:[A-Za-z0-9_-]{10,}");
    private static final Pattern BARE_TOKEN = Pattern.compile("\\b[0-9]{6,}:[A-Za-z0-9_-]{30,}\\b");
    private static final Pattern KEY_PARAM = Pattern.compile("(?i)(\\b(?:key|api[_-]?key|access[_-]?key|"
            + "secret[_-]?key|app[_-]?key|app[_-]?secret|token|access[_-]?token|secret|password|authorizationToken)=)"
            + "[^&\\s\"']+");

    /** KIS's tokenP body and answer, and bearer headers, should any of them ever end up in a text. */
    private static final Pattern JSON_SECRET = Pattern.compile(
            "(?i)(\"(?:appkey|appsecret|app_key|app_secret|secret_key|access_token|access_key)\"\\s*:\\s*\")[^\"]+");
    private static final Pattern BEARER = Pattern.compile("(?i)(\\bBearer\\s+)[A-Za-z0-9._~+/=-]{8,}");

    private Secrets() {
    }

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = BOT_TOKEN.matcher(text).replaceAll("***");
        masked = BARE_TOKEN.matcher(masked).replaceAll("***");
        masked = JSON_SECRET.matcher(masked).replaceAll("$1***");
        masked = BEARER.matcher(masked).replaceAll("$1***");
        return KEY_PARAM.matcher(masked).replaceAll("$1***");
    }
}
