package com.autotrader;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.autotrader.support.Await;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestServers;
import com.autotrader.support.TradingFixtures;
import com.autotrader.support.UpbitPrivateFixtures;
import com.autotrader.support.UpstreamStubs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live trading against WireMock playing Upbit's private API in its documented shapes: every call carries a JWT
 * whose query_hash covers exactly what was sent; a 429 is sent again; a timed-out order is looked up by its
 * identifier before anything is resent, and Upbit's duplicate refusal leaves exactly one order; a short
 * balance never reaches Upbit and alerts the owner.
 */
@CamelSpringBootTest
@SpringBootTest(properties = {
        "camel.main.name=it-live-trading",
        "analysis.schedule.enabled=false",
        "trading.mode=live",
        "upbit.access-key=" + LiveTradingIT.ACCESS,
        "upbit.secret-key=" + LiveTradingIT.SECRET,
        "upbit.markets=KRW-BTC",
        "trading.live.timeout-ms=1000",
        "trading.live.retry-backoff-ms=50",
        "telegram.token=" + TelegramStub.TOKEN,
        "telegram.chat-id=555",
        "error-reporting.chat-id=777",
        "telegram.per-chat-interval-ms=10"
})
class LiveTradingIT {

    static final String ACCESS = "test-access-key-0123456789abcdefghijklmn";
    static final String SECRET = "test-secret-key-0123456789abcdefghijklmn";
    static final WireMockServer upbit = TestServers.upbit();
    static final WireMockServer telegram = TestServers.telegram();
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProducerTemplate producer;

    @BeforeEach
    void world() {
        upbit.resetAll();
        UpstreamStubs.upbit(upbit);
        UpstreamStubs.coin(upbit, "KRW-BTC", 100_000_000);
        chance("1000000");
        // our own open orders from an earlier test are cancelled before a new plan
        upbit.stubFor(delete(urlPathEqualTo("/v1/order")).willReturn(okJson(UpbitPrivateFixtures.order(
                "old", "old", "KRW-BTC", "bid", "99000000", "0.0001", "wait"))));
        telegram.resetAll();
        TelegramStub.accepts(telegram);
        TradingFixtures.reset(jdbc);
    }

    void chance(String krw) {
        upbit.stubFor(get(urlPathEqualTo("/v1/orders/chance")).withQueryParam("market", equalTo("KRW-BTC"))
                .willReturn(okJson(UpbitPrivateFixtures.chance("KRW-BTC", krw, "0", "0"))));
    }

    /** A buy with one leg at 95,000,000. */
    long oneLegBuy() {
        return TradingFixtures.buy(jdbc, "KRW-BTC", new double[]{95_000_000, 95_000_000},
                new double[]{95_000_000, 95_000_000}, 100_000_000);
    }

    void trade(long analysisId) {
        producer.sendBodyAndHeader("direct:trade-after-analysis", null, "analysisId", analysisId);
    }

    String placed(String identifier, String uuid) {
        return UpbitPrivateFixtures.order(uuid, identifier, "KRW-BTC", "bid", "95000000", "0.00010521", "wait");
    }

    List<LoggedRequest> orderPosts() {
        return upbit.findAll(postRequestedFor(urlPathEqualTo("/v1/orders")));
    }

    List<LoggedRequest> lookups() {
        return upbit.findAll(getRequestedFor(urlPathEqualTo("/v1/order")));
    }

    List<String> messagesTo(String chat) {
        return TelegramStub.messages(telegram).stream().filter(m -> m.path("chat_id").asText().equals(chat))
                .map(m -> m.path("text").asText()).toList();
    }

    /** The JWT verified with the secret; its query_hash recomputed here from what was actually sent. */
    static DecodedJWT verifiedToken(LoggedRequest request, String sentQuery) throws Exception {
        String bearer = request.getHeader("Authorization");
        assertThat(bearer).startsWith("Bearer ");
        DecodedJWT jwt = JWT.require(Algorithm.HMAC512(SECRET)).build().verify(bearer.substring("Bearer ".length()));
        assertThat(jwt.getClaim("access_key").asString()).isEqualTo(ACCESS);
        assertThat(jwt.getClaim("nonce").asString()).matches("[0-9a-f-]{36}");
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512")
                .digest(sentQuery.getBytes(StandardCharsets.UTF_8)));
        assertThat(jwt.getClaim("query_hash").asString()).isEqualTo(hash);
        assertThat(jwt.getClaim("query_hash_alg").asString()).isEqualTo("SHA512");
        return jwt;
    }

    /** The POST body's fields as k=v&…, in the order they were sent. */
    static String bodyQuery(LoggedRequest request) throws Exception {
        JsonNode body = JSON.readTree(request.getBodyAsString());
        List<String> pairs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            pairs.add(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(f.getValue().asText(), StandardCharsets.UTF_8));
        }
        return String.join("&", pairs);
    }

    @Test
    void aRateLimitedOrderIsSentAgainWithTheSameIdentifierAndSignedEachTime() throws Exception {
        long id = oneLegBuy();
        String identifier = "autotrader-" + id + "-bid-1";
        upbit.stubFor(post(urlPathEqualTo("/v1/orders")).inScenario("rate").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Remaining-Req", "group=order; min=0; sec=0")
                        .withBody(UpbitPrivateFixtures.error("too_many_requests", "Too many API requests.")))
                .willSetStateTo("open"));
        upbit.stubFor(post(urlPathEqualTo("/v1/orders")).inScenario("rate").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(placed(identifier, "uuid-rate-1"))));

        trade(id);

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM orders WHERE analysis_id = ?", id);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("identifier", identifier).containsEntry("uuid", "uuid-rate-1")
                .containsEntry("state", "wait").containsEntry("mode", "live");
        List<LoggedRequest> posts = orderPosts();
        assertThat(posts).hasSize(2);
        List<String> nonces = new ArrayList<>();
        for (LoggedRequest post : posts) {
            JsonNode body = JSON.readTree(post.getBodyAsString());
            assertThat(body.path("identifier").asText()).isEqualTo(identifier);
            assertThat(body.path("ord_type").asText()).isEqualTo("limit");
            assertThat(body.path("price").asText()).isEqualTo("95000000");
            nonces.add(verifiedToken(post, bodyQuery(post)).getClaim("nonce").asString());
        }
        assertThat(nonces).doesNotHaveDuplicates();
        // the chance call is signed over its query string too
        LoggedRequest chance = upbit.findAll(getRequestedFor(urlPathEqualTo("/v1/orders/chance"))).get(0);
        verifiedToken(chance, "market=KRW-BTC");

        assertThat(Await.until(Duration.ofSeconds(5), () -> !messagesTo("555").isEmpty())).isTrue();
        assertThat(messagesTo("555").get(0)).startsWith("💰 <b>매수 주문 체결</b>").contains("실거래", "주문 수: 1건");
    }

    @Test
    void aTimedOutOrderIsLookedUpFirstAndUpbitsDuplicateRefusalLeavesExactlyOneOrder() throws Exception {
        long id = oneLegBuy();
        String identifier = "autotrader-" + id + "-bid-1";
        // 1. the order is created, but the answer comes after the client gave up (timeout 1 s)
        upbit.stubFor(post(urlPathEqualTo("/v1/orders")).inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(201).withFixedDelay(2500).withHeader("Content-Type", "application/json")
                        .withBody(placed(identifier, "uuid-slow-1")))
                .willSetStateTo("created"));
        // 2. the lookup by identifier does not see it yet
        upbit.stubFor(get(urlPathEqualTo("/v1/order")).inScenario("slow").whenScenarioStateIs("created")
                .willReturn(aResponse().withStatus(404).withBody(UpbitPrivateFixtures.error("order_not_found", "주문을 찾지 못했습니다.")))
                .willSetStateTo("not-seen"));
        // 3. sent again with the same identifier: Upbit refuses the duplicate
        upbit.stubFor(post(urlPathEqualTo("/v1/orders")).inScenario("slow").whenScenarioStateIs("not-seen")
                .willReturn(aResponse().withStatus(400).withBody(
                        UpbitPrivateFixtures.error("duplicate_identifier", "identifier 값이 중복되었습니다.")))
                .willSetStateTo("refused"));
        // 4. looked up again: there it is
        upbit.stubFor(get(urlPathEqualTo("/v1/order")).inScenario("slow").whenScenarioStateIs("refused")
                .withQueryParam("identifier", equalTo(identifier))
                .willReturn(okJson(placed(identifier, "uuid-slow-1"))));

        trade(id);

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM orders WHERE analysis_id = ?", id);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("uuid", "uuid-slow-1").containsEntry("state", "wait");
        // two posts, the second refused as a duplicate: Upbit holds one order
        assertThat(orderPosts()).hasSize(2);
        assertThat(orderPosts()).extracting(r -> JSON.readTree(r.getBodyAsString()).path("identifier").asText())
                .containsOnly(identifier);
        List<LoggedRequest> lookups = lookups();
        assertThat(lookups).hasSize(2);
        for (LoggedRequest lookup : lookups) {
            assertThat(lookup.queryParameter("identifier").firstValue()).isEqualTo(identifier);
            verifiedToken(lookup, "identifier=" + identifier);
        }
        // post (timed out) → lookup (not found) → post again (refused) → lookup (found): never a resend unlooked
        List<LoggedRequest> calls = new ArrayList<>(orderPosts());
        calls.addAll(lookups);
        calls.sort(java.util.Comparator.comparing(LoggedRequest::getLoggedDate));
        assertThat(calls).extracting(r -> r.getMethod().getName()).containsExactly("POST", "GET", "POST", "GET");
    }

    @Test
    void aShortBalanceNeverReachesUpbitAndAlertsTheOwner() {
        chance("5000");
        long id = oneLegBuy();

        trade(id);

        assertThat(orderPosts()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class)).isZero();
        assertThat(Await.until(Duration.ofSeconds(5), () -> !messagesTo("777").isEmpty())).isTrue();
        assertThat(messagesTo("777").get(0)).startsWith("❌ <b>매수 주문 실패</b>")
                .contains("이유: InsufficientFunds", "잔액: 5,000원 / 필요: 10,000원");
    }

    @Test
    void anOrderUpbitRefusesIsKeptAsFailedAndReported() {
        upbit.stubFor(post(urlPathEqualTo("/v1/orders")).willReturn(aResponse().withStatus(400).withBody(
                UpbitPrivateFixtures.error("insufficient_funds_bid", "주문가능한 금액(KRW)이 부족합니다."))));
        long id = oneLegBuy();

        trade(id);

        assertThat(orderPosts()).hasSize(1);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM orders WHERE analysis_id = ?", id);
        assertThat(row.get("state")).isEqualTo("failed");
        assertThat((String) row.get("error")).contains("InsufficientFunds").doesNotContain(SECRET);
        assertThat(Await.until(Duration.ofSeconds(5), () -> !messagesTo("777").isEmpty())).isTrue();
        assertThat(messagesTo("777").get(0)).startsWith("❌ <b>매수 주문 실패</b>").contains("이유: InsufficientFunds");
    }

    @Test
    void theAppsOpenLiveOrdersAreCancelledAtUpbitBeforeANewPlan() {
        jdbc.update("""
                INSERT INTO orders (identifier, mode, market, side, ord_type, price, volume, state, uuid, leg)
                VALUES ('autotrader-0-bid-9', 'live', 'KRW-BTC', 'bid', 'limit', 99000000, 0.0001, 'wait', 'uuid-old', 9)""");
        upbit.stubFor(post(urlPathEqualTo("/v1/orders")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(placed("x", "uuid-new"))));
        long id = oneLegBuy();

        trade(id);

        List<LoggedRequest> deletes = upbit.findAll(deleteRequestedFor(urlPathEqualTo("/v1/order")));
        assertThat(deletes).hasSize(1);
        assertThat(deletes.get(0).queryParameter("uuid").firstValue()).isEqualTo("uuid-old");
        assertThat(jdbc.queryForObject("SELECT state FROM orders WHERE uuid = 'uuid-old'", String.class)).isEqualTo("cancel");
        assertThat(orderPosts()).hasSize(1);
        assertThat(Await.until(Duration.ofSeconds(5), () -> messagesTo("555").stream().anyMatch(t -> t.startsWith("🚫")))).isTrue();
    }
}
