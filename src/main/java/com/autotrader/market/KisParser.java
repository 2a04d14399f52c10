package com.autotrader.market;

import com.autotrader.api.BadRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns KIS (Korea Investment &amp; Securities) answers into domain records. Strict like
 * {@link UpbitParser}: every body passes {@link #checkOk} first, so a refused call becomes a
 * {@link KisApiException} the token cache can act on, and unusable data never becomes a default.
 */
@Component
public class KisParser {

    static final String SERVICE = "kis";
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    /** KIS reports market capitalisation in 억 원 (100 million won). */
    static final double EOK = 100_000_000d;

    private static final Pattern DOMESTIC_CODE = Pattern.compile("\\d{6}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    private static final DailyFields DOMESTIC = new DailyFields(
            "stck_bsop_date", "stck_oprc", "stck_hgpr", "stck_lwpr", "stck_clpr", "acml_vol");
    private static final DailyFields OVERSEAS = new DailyFields("xymd", "open", "high", "low", "clos", "tvol");

    private final Clock clock;

    public KisParser() {
        this(Clock.systemUTC());
    }

    KisParser(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Returns when {@code rt_cd} is "0", else throws {@link KisApiException}. Meant for HTTP 500 bodies
     * too: KIS reports token errors with either status, so {@code msg_cd} decides, not the status.
     */
    public void checkOk(String body) {
        ok(body, "KIS answer");
    }

    /** Domestic daily bars ({@code output2}, newest first) as candles oldest first; may be empty. */
    public List<Candle> domesticDaily(String body) {
        return daily(ok(body, "domestic daily bars"), DOMESTIC);
    }

    /** Overseas daily bars ({@code output2} of dailyprice) as candles oldest first; may be empty. */
    public List<Candle> overseasDaily(String body) {
        return daily(ok(body, "overseas daily bars"), OVERSEAS);
    }

    /** The domestic price answer ({@code output}) for {@code code}, timestamped now. */
    public KisQuote domesticPrice(String code, String body) {
        Objects.requireNonNull(code, "code");
        JsonNode out = ok(body, "domestic price").get("output");
        if (out == null || !out.isObject() || out.isEmpty()) {
            throw KisJson.bad("domestic price has no 'output' object");
        }
        double price = KisJson.positive(out, "stck_prpr");
        double change = signed(out, KisJson.number(out, "prdy_vrss"));
        BigDecimal percent = KisJson.optionalDecimal(out, "prdy_ctrt");
        if (percent == null) {
            throw KisJson.bad("field 'prdy_ctrt' missing or blank");
        }
        double rate = signed(out, percent.movePointLeft(2).doubleValue()); // decimal: 0.70 % is exactly 0.007
        double prevClose = price - change;
        if (prevClose <= 0) {
            throw KisJson.bad("previous close is not positive: " + prevClose);
        }
        Ticker ticker = new Ticker(code, price, prevClose, rate, KisJson.nonNegative(out, "acml_vol"),
                orNaN(KisJson.optionalNumber(out, "w52_hgpr")), orNaN(KisJson.optionalNumber(out, "w52_lwpr")),
                clock.instant());
        Double avls = KisJson.optionalNumber(out, "hts_avls");
        Fundamentals fundamentals = new Fundamentals(KisJson.optionalNumber(out, "per"),
                KisJson.optionalNumber(out, "pbr"), KisJson.optionalNumber(out, "eps"),
                KisJson.optionalNumber(out, "bps"), avls == null ? null : avls * EOK, null);
        String name = KisJson.optionalText(out, "hts_kor_isnm");
        return new KisQuote(ticker, fundamentals, name == null || name.isBlank() ? null : name.strip());
    }

    /**
     * The {@code /oauth2/tokenP} answer. Expiry comes from {@code access_token_token_expired} (Seoul time),
     * else now + {@code expires_in}. The body is never echoed in errors: it may hold a live token.
     */
    public KisAccessToken token(String body) {
        JsonNode n = KisJson.object(body, "token answer", false);
        String value = KisJson.optionalText(n, "access_token");
        if (value == null || value.isBlank()) {
            String code = n.path("error_code").isTextual() ? " (error_code " + n.get("error_code").asText() + ")" : "";
            throw KisJson.bad("token answer has no access_token" + code);
        }
        return new KisAccessToken(value.strip(), expiry(n));
    }

    /** A six-digit domestic stock code such as 005930, trimmed; anything else is the caller's mistake. */
    public static String code(String input) {
        String s = input == null ? "" : input.strip();
        if (!DOMESTIC_CODE.matcher(s).matches()) {
            throw new BadRequestException("stock code must be six digits like 005930");
        }
        return s;
    }

    private static JsonNode ok(String body, String what) {
        JsonNode n = KisJson.object(body, what, true);
        String rtCd = KisJson.text(n, "rt_cd");
        if (!"0".equals(rtCd)) {
            throw new KisApiException(KisJson.optionalText(n, "msg_cd"), KisJson.optionalText(n, "msg1"));
        }
        return n;
    }

    private static List<Candle> daily(JsonNode n, DailyFields f) {
        JsonNode rows = n.get("output2");
        if (rows == null || !rows.isArray()) {
            throw KisJson.bad("daily bars have no 'output2' array");
        }
        Map<LocalDate, Candle> byDate = new TreeMap<>();
        for (JsonNode row : rows) {
            if (!row.isObject()) {
                throw KisJson.bad("daily bar row is not an object");
            }
            String date = KisJson.optionalText(row, f.date());
            if (date == null || date.isBlank()) {
                continue; // KIS pads short answers with empty rows
            }
            Candle c = new Candle(day(date.strip(), f.date()).atStartOfDay(),
                    KisJson.positive(row, f.open()), KisJson.positive(row, f.high()), KisJson.positive(row, f.low()),
                    KisJson.positive(row, f.close()), KisJson.nonNegative(row, f.volume()));
            if (c.high() < c.low()) {
                throw KisJson.bad("bar high below low on " + date.strip());
            }
            byDate.putIfAbsent(c.time().toLocalDate(), c);
        }
        return new ArrayList<>(byDate.values());
    }

    private static LocalDate day(String s, String field) {
        try {
            return LocalDate.parse(s, DAY);
        } catch (DateTimeParseException e) {
            throw KisJson.bad("field '" + field + "' is not a yyyyMMdd date");
        }
    }

    /** Applies {@code prdy_vrss_sign} (1,2 up; 3 flat; 4,5 down) when present, whatever sign the value has. */
    private static double signed(JsonNode out, double value) {
        String sign = KisJson.optionalText(out, "prdy_vrss_sign");
        if (sign == null || sign.isBlank()) {
            return value;
        }
        return switch (sign.strip()) {
            case "1", "2" -> Math.abs(value);
            case "3" -> 0;
            case "4", "5" -> -Math.abs(value);
            default -> throw KisJson.bad("field 'prdy_vrss_sign' is not 1-5");
        };
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }

    private Instant expiry(JsonNode n) {
        String at = KisJson.optionalText(n, "access_token_token_expired");
        if (at != null && !at.isBlank()) {
            try {
                return LocalDateTime.parse(at.strip(), EXPIRY).atZone(SEOUL).toInstant();
            } catch (DateTimeParseException e) {
                throw KisJson.bad("field 'access_token_token_expired' is not yyyy-MM-dd HH:mm:ss");
            }
        }
        JsonNode in = n.get("expires_in");
        long seconds;
        try {
            seconds = in == null ? 0 : in.isIntegralNumber() ? in.asLong()
                    : in.isTextual() ? new BigDecimal(in.asText().strip()).longValueExact() : 0;
        } catch (NumberFormatException | ArithmeticException e) {
            seconds = 0;
        }
        if (seconds <= 0) {
            throw KisJson.bad("token answer has no usable expiry");
        }
        return clock.instant().plusSeconds(seconds);
    }

    /** Field names of one daily-bar row; domestic and overseas answers differ only in these. */
    private record DailyFields(String date, String open, String high, String low, String close, String volume) {
    }
}
