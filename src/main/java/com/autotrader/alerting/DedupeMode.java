package com.autotrader.alerting;

/** How alerts are deduplicated right now, for the health details. */
public interface DedupeMode {

    String mode();

    default boolean isDegraded() {
        return false;
    }
}
