package com.autotrader.analysis.gemini;

/** What one successful generateContent call said: the answer's text and the usage figures. */
public record GeminiReply(String text, String finishReason, Integer promptTokens, Integer completionTokens,
                          Integer totalTokens) {
}
