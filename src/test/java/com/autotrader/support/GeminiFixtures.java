package com.autotrader.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** generateContent replies in the documented shape: the answer as text in candidates[0].content.parts[0]. */
public final class GeminiFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeminiFixtures() {
    }

    /** A valid decision around {@code price}: ranges ordered as the contract demands. */
    public static String decisionJson(String decision, int confidence, double price) {
        ObjectNode d = JSON.createObjectNode();
        d.put("decision", decision);
        d.put("confidence", confidence);
        d.putArray("reasons").add("MACD 골든크로스").add("RSI 중립 구간").add("거래량 증가");
        ObjectNode p = d.putObject("price_analysis");
        range(p, "appropriate_buy_range", price * 0.97, price * 0.99);
        range(p, "buy_hope_range", price * 0.93, price * 0.96);
        range(p, "appropriate_sell_range", price * 1.05, price * 1.08);
        range(p, "sell_target_range", price * 1.10, price * 1.15);
        d.put("detailed_text", "## 분석\n상승 추세가 이어지고 있습니다.");
        return d.toString();
    }

    private static void range(ObjectNode parent, String name, double min, double max) {
        parent.putObject(name).put("min", Math.round(min)).put("max", Math.round(max));
    }

    public static String reply(String text) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode candidate = root.putArray("candidates").addObject();
        candidate.putObject("content").put("role", "model").putArray("parts").addObject().put("text", text);
        candidate.put("finishReason", "STOP");
        root.putObject("usageMetadata").put("promptTokenCount", 1234).put("candidatesTokenCount", 321)
                .put("totalTokenCount", 1555);
        root.put("modelVersion", "test");
        return root.toString();
    }

    public static String rateLimited(String retryDelay) {
        return """
                {"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).",
                  "status": "RESOURCE_EXHAUSTED",
                  "details": [
                    {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": []},
                    {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "%s"}]}}
                """.formatted(retryDelay);
    }
}
