package com.autotrader.market;

import com.autotrader.api.UpstreamException;

/**
 * KIS answered with {@code rt_cd} other than "0". Kept apart from malformed data because callers act on
 * {@code msg_cd}: a token error means "drop the cached token and issue a new one once". The message
 * carries only KIS's code and text, never app keys or tokens.
 */
public class KisApiException extends UpstreamException {

    /** KIS's "token expired" code. */
    public static final String TOKEN_EXPIRED = "EGW00123";
    /** KIS's "token invalid" code. */
    public static final String TOKEN_INVALID = "EGW00121";

    private static final int MAX_TEXT = 120;

    private final String msgCd;
    private final String msg1;

    public KisApiException(String msgCd, String msg1) {
        super(KisParser.SERVICE, Kind.BAD_GATEWAY, describe(msgCd, msg1));
        this.msgCd = msgCd;
        this.msg1 = msg1;
    }

    /** True when the call failed only because the access token is expired or invalid. */
    public boolean tokenProblem() {
        return TOKEN_EXPIRED.equals(msgCd) || TOKEN_INVALID.equals(msgCd);
    }

    public String msgCd() {
        return msgCd;
    }

    public String msg1() {
        return msg1;
    }

    private static String describe(String msgCd, String msg1) {
        String code = msgCd == null || msgCd.isBlank() ? "no msg_cd" : clean(msgCd);
        String text = msg1 == null || msg1.isBlank() ? "" : ": " + clean(msg1);
        return "KIS refused the call (" + code + text + ")";
    }

    /** One line, bounded: the text ends up in logs and API errors. */
    private static String clean(String s) {
        String flat = s.strip().replaceAll("\\s+", " ");
        return flat.length() > MAX_TEXT ? flat.substring(0, MAX_TEXT) + "…" : flat;
    }
}
