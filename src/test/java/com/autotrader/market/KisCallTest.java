package com.autotrader.market;

import com.autotrader.api.UpstreamException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class KisCallTest {

    private static final String PATH = "/uapi/domestic-stock/v1/quotations/inquire-price";
    private static final String OK = """
            {"rt_cd":"0","msg_cd":"MCA00000","msg1":"정상처리 되었습니다.","output":{"stck_prpr":"71500"}}""";
    private static final String EXPIRED = """
            {"rt_cd":"1","msg_cd":"EGW00123","msg1":"기간이 만료된 token 입니다."}""";
    private static final String INVALID = """
            {"rt_cd":"1","msg_cd":"EGW00121","msg1":"유효하지 않은 token 입니다."}""";
    private static final String RATE_LIMITED = """
            {"rt_cd":"1","msg_cd":"EGW00201","msg1":"초당 거래건수를 초과하였습니다."}""";
    private static final String OTHER_ERROR = """
            {"rt_cd":"1","msg_cd":"OPSQ0002","msg1":"없는 서비스 코드 입니다"}""";

    private final KisParser parser = new KisParser();

    private static KisCall call(int maxRateRetries, Duration rateWait) {
        return new KisCall(PATH, "FHKST01010100", "FID_COND_MRKT_DIV_CODE=J&FID_INPUT_ISCD=005930",
                maxRateRetries, rateWait);
    }

    private static KisCall call() {
        return call(2, Duration.ofMillis(700));
    }

    @Test
    void newCallIsPendingWithNoWaitAndNoBody() {
        KisCall c = call();

        assertThat(c.pending()).isTrue();
        assertThat(c.waitMillis()).isZero();
        assertThat(c.body()).isNull();
        assertThat(c.token()).isNull();
        assertThat(c.path()).isEqualTo(PATH);
        assertThat(c.trId()).isEqualTo("FHKST01010100");
        assertThat(c.query()).isEqualTo("FID_COND_MRKT_DIV_CODE=J&FID_INPUT_ISCD=005930");
    }

    @Test
    void successEndsTheCallAndKeepsTheBody() {
        KisCall c = call();

        boolean drop = c.answered(200, OK, parser);

        assertThat(drop).isFalse();
        assertThat(c.pending()).isFalse();
        assertThat(c.body()).isEqualTo(OK);
        assertThat(c.waitMillis()).isZero();
    }

    @Test
    void expiredTokenWithHttp500IsDroppedOnceAndRetried() {
        KisCall c = call();

        assertThat(c.answered(500, EXPIRED, parser)).isTrue();
        assertThat(c.pending()).isTrue();
        assertThat(c.body()).isNull();
        assertThat(c.waitMillis()).isZero();

        KisApiException e = catchThrowableOfType(KisApiException.class, () -> c.answered(500, EXPIRED, parser));

        assertThat(e).isNotNull();
        assertThat(e.msgCd()).isEqualTo("EGW00123");
        assertThat(e.tokenProblem()).isTrue();
        assertThat(c.pending()).isFalse();
        assertThat(c.body()).isNull();
    }

    @Test
    void expiredTokenWithHttp200IsTreatedTheSame() {
        KisCall c = call();

        assertThat(c.answered(200, EXPIRED, parser)).isTrue();
        assertThat(c.pending()).isTrue();
    }

    @Test
    void invalidTokenIsDroppedOnceAndRetried() {
        KisCall c = call();

        assertThat(c.answered(500, INVALID, parser)).isTrue();
        assertThat(c.pending()).isTrue();

        KisApiException e = catchThrowableOfType(KisApiException.class, () -> c.answered(500, INVALID, parser));

        assertThat(e).isNotNull();
        assertThat(e.msgCd()).isEqualTo("EGW00121");
        assertThat(c.pending()).isFalse();
    }

    @Test
    void onlyOneTokenRetryEvenAcrossTheTwoTokenCodes() {
        KisCall c = call();

        assertThat(c.answered(500, EXPIRED, parser)).isTrue();
        KisApiException e = catchThrowableOfType(KisApiException.class, () -> c.answered(200, INVALID, parser));

        assertThat(e).isNotNull();
        assertThat(e.msgCd()).isEqualTo("EGW00121");
        assertThat(c.pending()).isFalse();
    }

    @Test
    void successAfterTheTokenRetryEndsTheCall() {
        KisCall c = call();

        assertThat(c.answered(500, EXPIRED, parser)).isTrue();
        assertThat(c.answered(200, OK, parser)).isFalse();

        assertThat(c.pending()).isFalse();
        assertThat(c.body()).isEqualTo(OK);
    }

    @Test
    void rateLimitWaitsLongerEachTimeThenGivesUp() {
        KisCall c = call(3, Duration.ofMillis(700));

        for (int n = 1; n <= 3; n++) {
            assertThat(c.answered(500, RATE_LIMITED, parser)).as("attempt %d drops no token", n).isFalse();
            assertThat(c.pending()).as("pending after rate limit %d", n).isTrue();
            assertThat(c.waitMillis()).as("wait after rate limit %d", n).isEqualTo(700L * n);
        }

        KisApiException e = catchThrowableOfType(KisApiException.class, () -> c.answered(500, RATE_LIMITED, parser));

        assertThat(e).isNotNull();
        assertThat(e.msgCd()).isEqualTo("EGW00201");
        assertThat(c.pending()).isFalse();
        assertThat(c.waitMillis()).isZero();
    }

    @Test
    void noRateRetriesMeansTheFirstRateLimitEndsTheCall() {
        KisCall c = call(0, Duration.ofSeconds(1));

        KisApiException e = catchThrowableOfType(KisApiException.class, () -> c.answered(200, RATE_LIMITED, parser));

        assertThat(e).isNotNull();
        assertThat(c.pending()).isFalse();
    }

    @Test
    void waitIsClearedByTheNextAnswer() {
        KisCall c = call();

        c.answered(500, RATE_LIMITED, parser);
        assertThat(c.waitMillis()).isEqualTo(700);
        c.answered(200, OK, parser);

        assertThat(c.waitMillis()).isZero();
        assertThat(c.pending()).isFalse();
    }

    @Test
    void tokenRetryIsStillAvailableAfterRateLimits() {
        KisCall c = call();

        c.answered(500, RATE_LIMITED, parser);
        assertThat(c.answered(500, EXPIRED, parser)).isTrue();
        assertThat(c.waitMillis()).isZero();
        assertThat(c.pending()).isTrue();
    }

    @Test
    void anotherKisErrorEndsTheCallWithIt() {
        KisCall c = call();

        KisApiException e = catchThrowableOfType(KisApiException.class, () -> c.answered(200, OTHER_ERROR, parser));

        assertThat(e).isNotNull();
        assertThat(e.msgCd()).isEqualTo("OPSQ0002");
        assertThat(e.tokenProblem()).isFalse();
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BAD_GATEWAY);
        assertThat(e.getMessage()).contains("OPSQ0002");
        assertThat(c.pending()).isFalse();
        assertThat(c.body()).isNull();
    }

    @Test
    void successBodyWithHttp500IsUnavailable() {
        KisCall c = call();

        UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> c.answered(500, OK, parser));

        assertThat(e).isNotNull().isNotInstanceOf(KisApiException.class);
        assertThat(e.service()).isEqualTo("kis");
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("500").contains(PATH);
        assertThat(c.pending()).isFalse();
        assertThat(c.body()).isNull();
    }

    @Test
    void successBodyWithHttp429IsUnavailableAndWith404ABadGateway() {
        UpstreamException limited = catchThrowableOfType(UpstreamException.class, () -> call().answered(429, OK, parser));
        UpstreamException missing = catchThrowableOfType(UpstreamException.class, () -> call().answered(404, OK, parser));

        assertThat(limited.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
        assertThat(missing.kind()).isEqualTo(UpstreamException.Kind.BAD_GATEWAY);
    }

    @Test
    void useTokenGivesTheHeaderValueAndRemembersTheToken() {
        KisCall c = call();

        assertThat(c.useToken("x")).isEqualTo("Bearer x");
        assertThat(c.token()).isEqualTo("x");

        c.useToken("y");
        assertThat(c.token()).isEqualTo("y");
    }

    @Test
    void toStringShowsTrIdPathAndQueryButNeverTheToken() {
        KisCall c = call();
        c.useToken("secret-token-value");

        assertThat(c.toString())
                .contains("FHKST01010100")
                .contains(PATH)
                .contains("FID_INPUT_ISCD=005930")
                .doesNotContain("secret-token-value");
    }

    @Test
    void toStringWithoutQueryHasNoQuestionMark() {
        KisCall c = new KisCall("/p", "TR1", null, 1, Duration.ofSeconds(1));

        assertThat(c.toString()).isEqualTo("TR1 /p");
    }
}
