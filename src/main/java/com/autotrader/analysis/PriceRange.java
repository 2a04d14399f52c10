package com.autotrader.analysis;

/** A closed price range; min ≤ max. */
public record PriceRange(double min, double max) {
}
