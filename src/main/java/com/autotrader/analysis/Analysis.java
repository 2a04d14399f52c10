package com.autotrader.analysis;

/** A decision with where it came from: the model, the prompt, the token counts and how long it took. */
public record Analysis(Decision decision, String modelName, String prompt,
                       Integer promptTokens, Integer completionTokens, Integer totalTokens, long latencyMs) {
}
