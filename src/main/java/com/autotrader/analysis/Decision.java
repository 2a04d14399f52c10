package com.autotrader.analysis;

import java.util.List;

/**
 * A validated buy / hold / sell call with the four price ranges of the original system. Only instances
 * that passed {@link DecisionValidator} exist, so whatever holds one may store it and act on it.
 */
public record Decision(String decision, int confidence, List<String> reasons,
                       PriceRange appropriateBuy, PriceRange appropriateSell,
                       PriceRange buyHope, PriceRange sellTarget, String detailedText) {
}
