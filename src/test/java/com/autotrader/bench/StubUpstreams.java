package com.autotrader.bench;

import com.autotrader.support.GeminiFixtures;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestServers;
import com.autotrader.support.UpstreamStubs;

/**
 * Upbit, Gemini and Telegram stubs in a process of their own, for benchmarks that run the packaged app as a
 * separate process (scripts/bench/footprint.sh). Prints the base URLs, then serves until killed.
 */
public final class StubUpstreams {

    private StubUpstreams() {
    }

    public static void main(String[] args) throws InterruptedException {
        UpstreamStubs.upbit(TestServers.upbit());
        UpstreamStubs.geminiAnswers(TestServers.gemini(), "gemini-bench",
                GeminiFixtures.decisionJson("buy", 80, UpstreamStubs.BTC_PRICE));
        TelegramStub.accepts(TestServers.telegram());
        System.out.println("UPBIT_BASE_URL=" + TestServers.upbitUrl());
        System.out.println("GEMINI_BASE_URL=" + TestServers.geminiUrl());
        System.out.println("TELEGRAM_BASE_URL=" + TestServers.telegramUrl());
        System.out.flush();
        Thread.currentThread().join();
    }
}
