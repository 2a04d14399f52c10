package com.autotrader.trading;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UpbitSignerTest {

    private static final String ACCESS = "test-access-key-0123456789";
    private static final String SECRET = "test-secret-key-abcdefghijklmnopqrstuvwxyz";
    private static final String ORDER_QUERY =
            "market=KRW-BTC&side=bid&volume=0.0001&price=100000000&ord_type=limit&identifier=autotrader-7-bid-1";

    private static Map<String, Object> orderParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("market", "KRW-BTC");
        params.put("side", "bid");
        params.put("volume", new BigDecimal("0.0001"));
        params.put("price", new BigDecimal("1E+8"));
        params.put("ord_type", "limit");
        params.put("identifier", "autotrader-7-bid-1");
        return params;
    }

    private static DecodedJWT verify(String header, Algorithm algorithm) {
        assertThat(header).startsWith("Bearer ");
        return JWT.require(algorithm).build().verify(header.substring("Bearer ".length()));
    }

    private static String sha512(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signsOrderParamsWithHs512ByDefault() throws Exception {
        UpbitSigner signer = new UpbitSigner(ACCESS, SECRET, "HS512");

        DecodedJWT jwt = verify(signer.authorization(orderParams()), Algorithm.HMAC512(SECRET));

        assertThat(jwt.getAlgorithm()).isEqualTo("HS512");
        assertThat(jwt.getClaim("access_key").asString()).isEqualTo(ACCESS);
        assertThat(UUID.fromString(jwt.getClaim("nonce").asString())).isNotNull();
        assertThat(jwt.getClaim("query_hash").asString()).isEqualTo(sha512(ORDER_QUERY));
        assertThat(jwt.getClaim("query_hash_alg").asString()).isEqualTo("SHA512");
    }

    @Test
    void everyCallGetsAFreshNonce() {
        UpbitSigner signer = new UpbitSigner(ACCESS, SECRET, "HS512");

        String first = verify(signer.authorization(orderParams()), Algorithm.HMAC512(SECRET))
                .getClaim("nonce").asString();
        String second = verify(signer.authorization(orderParams()), Algorithm.HMAC512(SECRET))
                .getClaim("nonce").asString();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void hs256ConfigurationSignsWithHmac256Only() {
        UpbitSigner signer = new UpbitSigner(ACCESS, SECRET, "hs256");
        String header = signer.authorization(orderParams());

        assertThat(verify(header, Algorithm.HMAC256(SECRET)).getAlgorithm()).isEqualTo("HS256");
        assertThatThrownBy(() -> verify(header, Algorithm.HMAC512(SECRET)))
                .isInstanceOf(com.auth0.jwt.exceptions.AlgorithmMismatchException.class);
    }

    @Test
    void aWrongSecretDoesNotVerify() {
        String header = new UpbitSigner(ACCESS, SECRET, "HS512").authorization(orderParams());

        assertThatThrownBy(() -> verify(header, Algorithm.HMAC512(SECRET + "x")))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void callsWithoutParamsCarryNoQueryHash() {
        UpbitSigner signer = new UpbitSigner(ACCESS, SECRET, "HS512");

        for (Map<String, ?> params : new Map[] {null, Map.of()}) {
            DecodedJWT jwt = verify(signer.authorization(params), Algorithm.HMAC512(SECRET));
            assertThat(jwt.getClaims()).containsKeys("access_key", "nonce")
                    .doesNotContainKeys("query_hash", "query_hash_alg");
        }
    }

    @Test
    void missingKeysAreNamedAndNoTokenIsMade() {
        UpbitSigner none = new UpbitSigner("", " ", "HS512");
        UpbitSigner noSecret = new UpbitSigner(ACCESS, "", "HS512");

        assertThat(none.hasKeys()).isFalse();
        assertThat(none.missingKeys()).containsExactly("UPBIT_ACCESS_KEY", "UPBIT_SECRET_KEY");
        TradingException e = catchThrowableOfType(() -> none.authorization(orderParams()), TradingException.class);
        assertThat(e.reason()).isEqualTo("LiveTradingUnavailable");
        assertThat(e.side()).isNull();
        assertThat(e.getMessage()).isEqualTo(
                "TRADING_MODE=live needs UPBIT_ACCESS_KEY and UPBIT_SECRET_KEY; no order was placed");

        assertThat(noSecret.missingKeys()).containsExactly("UPBIT_SECRET_KEY");
        assertThatThrownBy(() -> noSecret.authorization(null))
                .isInstanceOf(TradingException.class)
                .hasMessageContaining("UPBIT_SECRET_KEY")
                .hasMessageNotContaining(ACCESS);
        assertThat(new UpbitSigner(ACCESS, SECRET, "HS512").hasKeys()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "none", "HS384", ""})
    void rejectsOtherAlgorithms(String algorithm) {
        assertThatThrownBy(() -> new UpbitSigner(ACCESS, SECRET, algorithm))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UPBIT_JWT_ALGORITHM")
                .hasMessageContaining("HS256")
                .hasMessageContaining("HS512")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining(ACCESS);
    }

    @Test
    void toStringHidesBothKeys() {
        String text = new UpbitSigner(ACCESS, SECRET, "HS512").toString();

        assertThat(text).doesNotContain(ACCESS).doesNotContain(SECRET).contains("HS512");
    }

    @Test
    void queryStringEncodesValuesAndKeepsInsertionOrder() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("zeta", "a b");
        params.put("market", "KRW-BTC");
        params.put("skipped", null);
        params.put("note", "비트코인");
        params.put("price", new BigDecimal("1.5E+3"));

        assertThat(UpbitSigner.queryString(params))
                .isEqualTo("zeta=a+b&market=KRW-BTC&note=%EB%B9%84%ED%8A%B8%EC%BD%94%EC%9D%B8&price=1500");
        assertThat(UpbitSigner.queryString(orderParams())).isEqualTo(ORDER_QUERY);
        assertThat(UpbitSigner.queryString(Map.of())).isEmpty();
    }
}
