package com.autotrader.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** The Telegram Bot API's sendMessage, played by WireMock in the documented shapes. */
public final class TelegramStub {

    /** Shaped like a real token, so the masking is tested against what it will meet. */
    public static final String TOKEN = "123456789:AAE_test-Token_value_0123456789abcdefXYZ";
    public static final String SEND_PATH = "/bot" + TOKEN + "/sendMessage";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TelegramStub() {
    }

    public static void accepts(WireMockServer server) {
        server.stubFor(post(urlPathEqualTo(SEND_PATH)).willReturn(okJson("""
                {"ok":true,"result":{"message_id":42,"date":1764133200,
                 "chat":{"id":123456789,"type":"private"},"text":"ok"}}""")));
    }

    public static void answers(WireMockServer server, int status, String body) {
        server.stubFor(post(urlPathEqualTo(SEND_PATH))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    public static String tooManyRequests(int retryAfter) {
        return "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after " + retryAfter
                + "\",\"parameters\":{\"retry_after\":" + retryAfter + "}}";
    }

    public static List<LoggedRequest> sent(WireMockServer server) {
        return server.findAll(postRequestedFor(urlPathEqualTo(SEND_PATH)));
    }

    /** The sendMessage bodies as JSON: chat_id, text, parse_mode, … */
    public static List<JsonNode> messages(WireMockServer server) {
        return sent(server).stream().map(r -> {
            try {
                return JSON.readTree(r.getBodyAsString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
