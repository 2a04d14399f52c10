package com.autotrader.trading;

import com.autotrader.api.UpstreamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OrderSubmissionTest {

    private static final String IDENTIFIER = "autotrader-7-bid-1";

    /** POST /v1/orders and GET /v1/order answer with the order, as Upbit documents it. */
    private static final String ORDER = """
            {"uuid":"u-1","side":"bid","ord_type":"limit","price":"100000000","state":"wait","market":"KRW-BTC",
             "created_at":"2026-11-26T10:00:00+09:00","volume":"0.0001","remaining_volume":"0.0001",
             "reserved_fee":"5","remaining_fee":"5","paid_fee":"0","locked":"10005","executed_volume":"0",
             "trades_count":0,"identifier":"autotrader-7-bid-1"}""";

    private static final String INSUFFICIENT_FUNDS =
            "{\"error\":{\"name\":\"insufficient_funds_bid\",\"message\":\"주문가능한 금액(KRW)이 부족합니다.\"}}";
    private static final String TOO_MANY_REQUESTS =
            "{\"error\":{\"name\":\"too_many_requests\",\"message\":\"요청 수 제한을 초과했습니다.\"}}";
    private static final String UNDER_MIN_TOTAL =
            "{\"error\":{\"name\":\"under_min_total_bid\",\"message\":\"최소주문금액 이상으로 주문해주세요\"}}";
    private static final String NOT_FOUND =
            "{\"error\":{\"name\":\"order_not_found\",\"message\":\"주문을 찾지 못했습니다.\"}}";
    private static final String SERVER_ERROR = "<html><body>502 Bad Gateway</body></html>";

    private static final Duration BACKOFF = Duration.ofMillis(250);

    private final UpbitPrivateParser parser = new UpbitPrivateParser();

    private static PlannedOrder order() {
        return new PlannedOrder("KRW-BTC", Side.BID, 1, new BigDecimal("1E+8"), new BigDecimal("0.00010000"),
                IDENTIFIER);
    }

    private OrderSubmission submission(int maxCalls) {
        return new OrderSubmission(order(), parser, maxCalls, BACKOFF);
    }

    private static void assertConfirmed(OrderSubmission s) {
        assertThat(s.pending()).isFalse();
        assertThat(s.failure()).isNull();
        OrderState o = s.outcome();
        assertThat(o.uuid()).isEqualTo("u-1");
        assertThat(o.identifier()).isEqualTo(IDENTIFIER);
        assertThat(o.market()).isEqualTo("KRW-BTC");
        assertThat(o.side()).isEqualTo(Side.BID);
        assertThat(o.state()).isEqualTo("wait");
        assertThat(o.price()).isEqualByComparingTo("100000000");
        assertThat(o.volume()).isEqualByComparingTo("0.0001");
        assertThat(o.executedVolume()).isEqualByComparingTo("0");
        assertThat(s.result()).isEqualTo(o);
    }

    @Test
    void startsWithASubmitAndNoWait() {
        OrderSubmission s = submission(6);

        assertThat(s.pending()).isTrue();
        assertThat(s.next()).isEqualTo(OrderSubmission.Step.SUBMIT);
        assertThat(s.waitMillis()).isZero();
        assertThat(s.calls()).isZero();
        assertThat(s.result()).isNull();
        assertThatThrownBy(s::outcome).isInstanceOf(IllegalStateException.class).hasMessageContaining(IDENTIFIER);
    }

    @Test
    void createdIsDoneWithTheOrderUpbitReturned() {
        OrderSubmission s = submission(6);

        s.submitted(201, ORDER);

        assertConfirmed(s);
        assertThat(s.calls()).isEqualTo(1);
        assertThat(s.waitMillis()).isZero();
    }

    @Test
    void theBodyMayArriveAsBytes() {
        OrderSubmission s = submission(6);

        s.submitted(201, ORDER.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertConfirmed(s);
    }

    @Test
    void tooManyRequestsIsSentAgainAfterABackoffThatDoubles() {
        OrderSubmission s = submission(10);

        s.submitted(429, TOO_MANY_REQUESTS);
        assertThat(s.pending()).isTrue();
        assertThat(s.next()).isEqualTo(OrderSubmission.Step.SUBMIT);
        assertThat(s.waitMillis()).isEqualTo(250);

        s.submitted(429, TOO_MANY_REQUESTS);
        assertThat(s.next()).isEqualTo(OrderSubmission.Step.SUBMIT);
        assertThat(s.waitMillis()).isEqualTo(500);

        s.submitted(429, TOO_MANY_REQUESTS);
        assertThat(s.next()).isEqualTo(OrderSubmission.Step.SUBMIT);
        assertThat(s.waitMillis()).isEqualTo(1000);

        s.submitted(201, ORDER);
        assertConfirmed(s);
        assertThat(s.calls()).isEqualTo(4);
        assertThat(s.waitMillis()).isZero();
    }

    @Test
    void aTimeoutIsLookedUpNotSentAgain() {
        OrderSubmission s = submission(6);

        s.noAnswer(new SocketTimeoutException("Read timed out"));

        assertThat(s.pending()).isTrue();
        assertThat(s.next()).isEqualTo(OrderSubmission.Step.LOOKUP);
        assertThat(s.waitMillis()).isEqualTo(250);
        assertThat(s.calls()).isEqualTo(1);
        assertThat(s.lookupParams()).isEqualTo(Map.of("identifier", IDENTIFIER));
    }

    @Test
    void aLookupThatFindsTheOrderIsDoneWithoutASecondSubmit() {
        OrderSubmission s = submission(6);
        s.noAnswer(new SocketTimeoutException());

        s.lookedUp(200, ORDER);

        assertConfirmed(s);
        assertThat(s.calls()).isEqualTo(2);
    }

    @Test
    void aLookupThatDoesNotFindTheOrderSubmitsAgain() {
        OrderSubmission s = submission(6);
        s.noAnswer(new SocketTimeoutException());

        s.lookedUp(404, NOT_FOUND);

        assertThat(s.pending()).isTrue();
        assertThat(s.next()).isEqualTo(OrderSubmission.Step.SUBMIT);
        assertThat(s.waitMillis()).isEqualTo(500);

        s.submitted(201, ORDER);
        assertConfirmed(s);
        assertThat(s.calls()).isEqualTo(3);
    }

    @Test
    void aFailedLookupIsLookedUpAgain() {
        OrderSubmission s = submission(6);
        s.noAnswer(new SocketTimeoutException());

        s.lookedUp(503, SERVER_ERROR);

        assertThat(s.pending()).isTrue();
        assertThat(s.next()).isEqualTo(OrderSubmission.Step.LOOKUP);
        assertThat(s.waitMillis()).isEqualTo(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"error\":{\"name\":\"duplicate_identifier\",\"message\":\"identifier already exists\"}}",
            "{\"error\":{\"name\":\"invalid_identifier\",\"message\":\"이미 사용된 값입니다.\"}}",
            "{\"error\":{\"name\":\"validation_error\",\"message\":\"중복된 주문 식별자입니다.\"}}"})
    void aDuplicateIdentifierRefusalIsLookedUp(String body) {
        OrderSubmission s = submission(6);

        s.submitted(400, body);

        assertThat(s.pending()).isTrue();
        assertThat(s.failure()).isNull();
        assertThat(s.next()).isEqualTo(OrderSubmission.Step.LOOKUP);
        assertThat(s.waitMillis()).isZero();

        s.lookedUp(200, ORDER);
        assertConfirmed(s);
    }

    @Test
    void insufficientFundsEndsTheSubmissionWithATypedFailure() {
        OrderSubmission s = submission(6);

        s.submitted(400, INSUFFICIENT_FUNDS);

        assertThat(s.pending()).isFalse();
        assertThat(s.failure()).isInstanceOf(TradingException.class);
        TradingException e = catchThrowableOfType(s::outcome, TradingException.class);
        assertThat(e).isSameAs(s.failure());
        assertThat(e.reason()).isEqualTo("InsufficientFunds");
        assertThat(e.side()).isEqualTo(Side.BID);
        assertThat(e.getMessage()).contains(IDENTIFIER).contains("주문가능한 금액(KRW)이 부족합니다.");
    }

    @Test
    void anyOtherClientErrorIsARejection() {
        OrderSubmission s = submission(6);

        s.submitted(400, UNDER_MIN_TOTAL);

        assertThat(s.pending()).isFalse();
        TradingException e = catchThrowableOfType(s::outcome, TradingException.class);
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo("OrderRejected");
        assertThat(e.side()).isEqualTo(Side.BID);
        assertThat(e.getMessage()).contains(IDENTIFIER).contains("HTTP 400").contains("under_min_total_bid");
    }

    @Test
    void aRejectionWithoutAnUpbitErrorBodyStillSaysTheStatus() {
        OrderSubmission s = submission(6);

        s.submitted(401, "");

        TradingException e = catchThrowableOfType(s::outcome, TradingException.class);
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo("OrderRejected");
        assertThat(e.getMessage()).contains("HTTP 401");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void aServerErrorIsLookedUpAfterABackoff(int status) {
        OrderSubmission s = submission(6);

        s.submitted(status, SERVER_ERROR);

        assertThat(s.pending()).isTrue();
        assertThat(s.failure()).isNull();
        assertThat(s.next()).isEqualTo(OrderSubmission.Step.LOOKUP);
        assertThat(s.waitMillis()).isEqualTo(250);
    }

    @Test
    void anExhaustedBudgetIsReportedAsUnconfirmed() {
        OrderSubmission s = submission(4);

        s.noAnswer(new SocketTimeoutException());
        s.lookedUp(404, NOT_FOUND);
        s.submitted(502, SERVER_ERROR);
        assertThat(s.pending()).isTrue();
        s.lookedUp(503, SERVER_ERROR);

        assertThat(s.pending()).isFalse();
        assertThat(s.calls()).isEqualTo(4);
        OrderUnconfirmedException e = catchThrowableOfType(s::outcome, OrderUnconfirmedException.class);
        assertThat(e).isNotNull().isInstanceOf(UpstreamException.class).isSameAs(s.failure());
        assertThat(e.service()).isEqualTo("upbit");
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains(IDENTIFIER).contains("4 calls");
    }

    @Test
    void aDuplicateRefusalOnTheLastCallIsUnconfirmedNotRetried() {
        OrderSubmission s = submission(2);
        s.noAnswer(new IOException("Connection reset"));
        assertThat(s.next()).isEqualTo(OrderSubmission.Step.LOOKUP);
        // the route looks up … but suppose it posted again and Upbit said the identifier is taken
        s.submitted(400, "{\"error\":{\"name\":\"duplicate_identifier\",\"message\":\"identifier exists\"}}");

        assertThat(s.pending()).isFalse();
        assertThat(s.failure()).isInstanceOf(OrderUnconfirmedException.class);
        assertThat(s.failure().getMessage()).contains(IDENTIFIER);
    }

    @Test
    void theBackoffStopsGrowingAfterSixDoublings() {
        OrderSubmission s = submission(100);
        List<Long> waits = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            s.submitted(429, TOO_MANY_REQUESTS);
            waits.add(s.waitMillis());
        }

        assertThat(waits).containsExactly(250L, 500L, 1000L, 2000L, 4000L, 8000L, 16000L, 16000L, 16000L);
        assertThat(s.pending()).isTrue();
    }

    @Test
    void orderParamsAreInUpbitsOrderWithPlainNumbers() {
        Map<String, Object> params = submission(6).orderParams();

        assertThat(params.keySet()).containsExactly("market", "side", "volume", "price", "ord_type", "identifier");
        assertThat(params.values()).containsExactly("KRW-BTC", "bid", "0.0001", "100000000", "limit", IDENTIFIER);
        assertThat(UpbitSigner.queryString(params)).isEqualTo(
                "market=KRW-BTC&side=bid&volume=0.0001&price=100000000&ord_type=limit&identifier=" + IDENTIFIER);
    }

    @Test
    void anAskSendsItsSideAndASmallVolumeWithoutExponent() {
        PlannedOrder ask = new PlannedOrder("KRW-XRP", Side.ASK, 2, new BigDecimal("3005.0"),
                new BigDecimal("0.00000120"), "autotrader-9-ask-2");
        Map<String, Object> params = new OrderSubmission(ask, parser, 6, BACKOFF).orderParams();

        assertThat(params.values()).containsExactly("KRW-XRP", "ask", "0.0000012", "3005", "limit", "autotrader-9-ask-2");
    }

    @Test
    void toStringSaysWhatWasAskedAndNoSecrets() {
        OrderSubmission s = submission(6);
        s.noAnswer(new SocketTimeoutException());

        String text = s.toString();

        assertThat(text).contains(IDENTIFIER).contains("bid").contains("1 call");
        assertThat(text.toLowerCase()).doesNotContain("key").doesNotContain("bearer").doesNotContain("secret")
                .doesNotContain("authorization");
    }
}
