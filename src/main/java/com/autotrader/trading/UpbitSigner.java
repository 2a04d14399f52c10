package com.autotrader.trading;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Builds the {@code Authorization} header of Upbit's private API: a JWT signed with the secret key that
 * carries a fresh nonce and, when the call has parameters, a SHA-512 of their query string so Upbit can
 * tell they were not altered. Keys never appear in messages or {@link #toString()}.
 */
@Component
public class UpbitSigner {

    static final String ACCESS_KEY_ENV = "UPBIT_ACCESS_KEY";
    static final String SECRET_KEY_ENV = "UPBIT_SECRET_KEY";

    private final String accessKey;
    private final String secretKey;
    private final String algorithm;

    public UpbitSigner(@Value("${upbit.access-key:}") String accessKey,
                       @Value("${upbit.secret-key:}") String secretKey,
                       @Value("${upbit.jwt-algorithm:HS512}") String algorithm) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.algorithm = checkedAlgorithm(algorithm);
    }

    private static String checkedAlgorithm(String algorithm) {
        String name = algorithm == null ? "" : algorithm.strip().toUpperCase(Locale.ROOT);
        if (!name.equals("HS256") && !name.equals("HS512")) {
            throw new IllegalArgumentException("UPBIT_JWT_ALGORITHM must be HS256 or HS512");
        }
        return name;
    }

    public boolean hasKeys() {
        return missingKeys().isEmpty();
    }

    /** The environment variables still to be set, so the owner's alert says exactly what is missing. */
    public List<String> missingKeys() {
        List<String> missing = new ArrayList<>(2);
        if (accessKey == null || accessKey.isBlank()) {
            missing.add(ACCESS_KEY_ENV);
        }
        if (secretKey == null || secretKey.isBlank()) {
            missing.add(SECRET_KEY_ENV);
        }
        return missing;
    }

    /**
     * The URL-encoded {@code k=v&k2=v2} form in the map's order; the hash Upbit checks is taken over exactly
     * this text, so the request must send its parameters the same way. Null values are left out.
     */
    public static String queryString(Map<String, ?> params) {
        if (params == null) {
            return "";
        }
        StringJoiner query = new StringJoiner("&");
        for (Map.Entry<String, ?> e : params.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            Object v = e.getValue();
            String value = v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v);
            query.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    /** {@code "Bearer <jwt>"} for one call; params are the call's query or body parameters, or null. */
    public String authorization(Map<String, ?> params) {
        if (!hasKeys()) {
            throw new TradingException("LiveTradingUnavailable", null,
                    "TRADING_MODE=live needs " + String.join(" and ", missingKeys()) + "; no order was placed");
        }
        JWTCreator.Builder token = JWT.create()
                .withClaim("access_key", accessKey)
                .withClaim("nonce", UUID.randomUUID().toString());
        if (params != null && !params.isEmpty()) {
            token.withClaim("query_hash", sha512Hex(queryString(params)))
                    .withClaim("query_hash_alg", "SHA512");
        }
        return "Bearer " + token.sign(signingAlgorithm());
    }

    private Algorithm signingAlgorithm() {
        byte[] secret = secretKey.getBytes(StandardCharsets.UTF_8);
        return algorithm.equals("HS256") ? Algorithm.HMAC256(secret) : Algorithm.HMAC512(secret);
    }

    private static String sha512Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "UpbitSigner[algorithm=" + algorithm + ", missingKeys=" + missingKeys() + "]";
    }
}
