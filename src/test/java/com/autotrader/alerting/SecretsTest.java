package com.autotrader.alerting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    private static final String TOKEN = "123456789:AAEabcdefghijklmnopqrstuvwxyz0123456";

    @Test
    void botTokenInAUrlIsMasked() {
        String masked = Secrets.mask("http://localhost:1234/bot" + TOKEN + "/sendMessage responded: 429{\"ok\":false}");

        assertThat(masked).isEqualTo("http://localhost:1234/bot***/sendMessage responded: 429{\"ok\":false}");
    }

    @Test
    void shortBotPathTokenIsMaskedToo() {
        assertThat(Secrets.mask("https://api.telegram.org/bot123:abcdefghij_-/getMe"))
                .isEqualTo("https://api.telegram.org/bot***/getMe");
    }

    @Test
    void bareTokenIsMasked() {
        assertThat(Secrets.mask("telegram.token=" + TOKEN)).doesNotContain(TOKEN).doesNotContain("AAEabc");
        assertThat(Secrets.mask("the token " + TOKEN + " was rejected")).isEqualTo("the token *** was rejected");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://g.test/v1/models?key=AIzaSyA-abc_123&alt=json | https://g.test/v1/models?key=***&alt=json",
            "GET /x?api_key=s3cr3t                                  | GET /x?api_key=***",
            "GET /x?API-KEY=s3cr3t&y=1                              | GET /x?API-KEY=***&y=1",
            "callback?token=abc.def                                 | callback?token=***",
            "jdbc:x?user=me&password=hunter2 failed                 | jdbc:x?user=me&password=*** failed",
            "secret=xyz                                             | secret=***",
            "authorizationToken=abc123                              | authorizationToken=***"})
    void keyLikeQueryValuesAreMasked(String text, String expected) {
        assertThat(Secrets.mask(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat 123456", "Upbit returned 3 candles for KRW-BTC at 2024-03-01T09:00:00+09:00",
            "retry after 34 seconds", "GET /v1/candles/minutes/1?market=KRW-BTC&count=200&to=2024-03-01T00:00:00",
            "ratio 12:30", "비트코인 95,000,000원", ""})
    void ordinaryTextIsUnchanged(String text) {
        assertThat(Secrets.mask(text)).isEqualTo(text);
    }

    @Test
    void nullStaysNull() {
        assertThat(Secrets.mask(null)).isNull();
    }

    @Test
    void onlyWholeKeyNamesAreMasked() {
        assertThat(Secrets.mask("monkey=banana&sort_key=price")).isEqualTo("monkey=banana&sort_key=price");
        assertThat(Secrets.mask("access_key=AKIA123&secret_key=s3cr3t")).isEqualTo("access_key=***&secret_key=***");
    }

    @Test
    void kisKeysInJsonAndBearerTokensAreMasked() {
        String masked = Secrets.mask("{\"grant_type\":\"client_credentials\",\"appkey\":\"PSabc123\",\"appsecret\" : \"s3cr3t+/=\"}"
                + " answer {\"access_token\":\"eyJhbGciOi.J9.x\"} header authorization: Bearer eyJ0eXAiOiJKV1Qi.abc");
        assertThat(masked).doesNotContain("PSabc123", "s3cr3t", "eyJhbGciOi", "eyJ0eXAiOiJKV1Qi")
                .contains("\"appkey\":\"***\"", "Bearer ***", "\"grant_type\":\"client_credentials\"");
    }
}
