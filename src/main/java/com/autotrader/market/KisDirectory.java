package com.autotrader.market;

import com.autotrader.api.BadRequestException;
import com.autotrader.api.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Korean stock names and their six-digit codes, and the overseas form NAS:AAPL (KIS's exchange code and ticker). KIS has no name search in the API this app uses, so names come
 * from KIS_NAMES (name=code pairs; a few large caps by default) and from every price KIS answered
 * (hts_kor_isnm); a code always works.
 */
@Component
public class KisDirectory {

    /** NAS (Nasdaq), NYS (NYSE) or AMS (Amex), a colon, and the ticker. */
    static final String OVERSEAS = "(NAS|NYS|AMS):[A-Z0-9.\\-]{1,12}";

    private final Map<String, String> codesByName = new ConcurrentHashMap<>();
    private final Map<String, String> namesByCode = new ConcurrentHashMap<>();

    public KisDirectory(@Value("${kis.names:}") String names) {
        for (String pair : names.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && !kv[0].isBlank() && kv[1].strip().matches("\\d{6}")) {
                learn(kv[1].strip(), kv[0].strip());
            } else if (!pair.isBlank()) {
                throw new IllegalArgumentException("KIS_NAMES takes name=six-digit-code pairs, got '" + pair.strip() + "'");
            }
        }
    }

    /** A six-digit code, or a known name: the instrument to analyse. */
    public Instrument resolve(String input) {
        String s = input == null ? "" : CoinDirectory.decoded(input).strip();
        if (s.isEmpty() || s.length() > 40) {
            throw new BadRequestException("a KIS stock is a six-digit code (005930), a Korean name (삼성전자) or an "
                    + "overseas exchange and ticker (NAS:AAPL)");
        }
        if (s.toUpperCase(Locale.ROOT).matches(OVERSEAS)) {
            // an overseas stock through KIS: exchange code and symbol, e.g. NAS:AAPL
            String code = s.toUpperCase(Locale.ROOT);
            return new Instrument("kis", "equity_us", code, code.substring(4));
        }
        if (s.matches("\\d{6}")) {
            return new Instrument("kis", "equity_kr", s, namesByCode.getOrDefault(s, s));
        }
        if (s.matches("\\d+")) {
            throw new BadRequestException("a KIS stock code has six digits, got '" + s + "'");
        }
        String code = codesByName.get(key(s));
        if (code == null) {
            throw new NotFoundException("unknown stock '" + s + "': use its six-digit code (e.g. 005930) or add it to KIS_NAMES");
        }
        return new Instrument("kis", "equity_kr", code, namesByCode.getOrDefault(code, s));
    }

    /** Remembers a name KIS gave for a code (the price answer carries it). */
    public void learn(String code, String name) {
        if (code != null && name != null && !name.isBlank()) {
            codesByName.put(key(name), code);
            namesByCode.put(code, name.strip());
        }
    }

    public String nameOf(String code) {
        return namesByCode.getOrDefault(code, code);
    }

    private static String key(String name) {
        return name.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
