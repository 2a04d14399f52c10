package com.autotrader.support;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** Registers the upstream answers most tests want; a test overrides single stubs on top. */
public final class UpstreamStubs {

    public static final double BTC_PRICE = 143_250_000;
    public static final double ETH_PRICE = 5_120_000;

    private UpstreamStubs() {
    }

    public static void upbit(WireMockServer server) {
        server.stubFor(get(urlPathEqualTo("/v1/market/all")).willReturn(okJson(UpbitFixtures.marketAll())));
        coin(server, "KRW-BTC", BTC_PRICE);
        coin(server, "KRW-ETH", ETH_PRICE);
    }

    public static void coin(WireMockServer server, String market, double price) {
        server.stubFor(get(urlPathEqualTo("/v1/candles/days")).withQueryParam("market", equalTo(market))
                .willReturn(okJson(UpbitFixtures.dailyCandles(market, price / 1.3, 200))
                        .withHeader("Remaining-Req", "group=candles; min=1800; sec=9")));
        server.stubFor(get(urlPathEqualTo("/v1/ticker")).withQueryParam("markets", equalTo(market))
                .willReturn(okJson(UpbitFixtures.ticker(market, price))));
        for (int unit : new int[] {60, 5, 1}) {
            server.stubFor(get(urlPathEqualTo("/v1/candles/minutes/" + unit)).withQueryParam("market", equalTo(market))
                    .willReturn(okJson(UpbitFixtures.minuteCandles(market, price, unit, 24))));
        }
    }

    /**
     * The usual world, fresh: Upbit serving BTC and ETH, Gemini's {@code model} answering a valid "buy", and
     * Telegram accepting messages.
     */
    public static void happyPath(String model) {
        TestServers.upbit().resetAll();
        upbit(TestServers.upbit());
        TestServers.gemini().resetAll();
        geminiAnswers(TestServers.gemini(), model, GeminiFixtures.decisionJson("buy", 80, BTC_PRICE));
        TestServers.telegram().resetAll();
        TelegramStub.accepts(TestServers.telegram());
    }

    public static String generateContentPath(String model) {
        return "/v1beta/models/" + model + ":generateContent";
    }

    public static void geminiAnswers(WireMockServer server, String model, String answerText) {
        server.stubFor(post(urlPathEqualTo(generateContentPath(model)))
                .willReturn(okJson(GeminiFixtures.reply(answerText))));
    }

    public static void geminiStatus(WireMockServer server, String model, int status, String body) {
        server.stubFor(post(urlPathEqualTo(generateContentPath(model)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }
}
