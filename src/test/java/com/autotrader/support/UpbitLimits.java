package com.autotrader.support;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WireMock enforcing Upbit's quotation limit as strictly as it can be read: at most {@code limit} requests of a
 * group (candles, ticker, market, …) in ANY 1,000 ms, counted when they arrive (in a request filter, before
 * WireMock looks for a matching stub). Over it: 429, as Upbit answers.
 * Every answer carries {@code Remaining-Req} with what is left of the group's current second. Applies to every
 * stub of the server it is registered on; counts what it served and refused.
 */
public class UpbitLimits implements StubRequestFilterV2, ResponseDefinitionTransformerV2 {

    private final int limit;
    private final Map<String, Deque<Long>> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, AtomicInteger> refusedBy = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> busiestSecond = new ConcurrentHashMap<>();

    public UpbitLimits(int limit) {
        this.limit = limit;
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent event) {
        String group = group(request.getUrl());
        long now = System.nanoTime() / 1_000_000;
        Deque<Long> times = arrivals.computeIfAbsent(group, g -> new ArrayDeque<>());
        int inWindow;
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= now - 1000) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                refused.incrementAndGet();
                refusedBy.computeIfAbsent(group + " " + (now - times.peekFirst()) + "ms", g -> new AtomicInteger())
                        .incrementAndGet();
                return RequestFilterAction.stopWith(new ResponseDefinitionBuilder().withStatus(429)
                        .withHeader("Remaining-Req", "group=" + group + "; min=0; sec=0")
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"error\":{\"name\":\"too_many_requests\",\"message\":\"Too many API requests.\"}}")
                        .build());
            }
            times.addLast(now);
            inWindow = times.size();
        }
        served.incrementAndGet();
        busiestSecond.computeIfAbsent(group, g -> new AtomicInteger()).accumulateAndGet(inWindow, Math::max);
        return RequestFilterAction.continueWith(request);
    }

    /** What is left of the group's window when the answer leaves. */
    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String group = group(event.getRequest().getUrl());
        Deque<Long> times = arrivals.get(group);
        int left = limit;
        if (times != null) {
            long now = System.nanoTime() / 1_000_000;
            synchronized (times) {
                left = limit - (int) times.stream().filter(t -> t > now - 1000).count();
            }
        }
        return ResponseDefinitionBuilder.like(event.getResponseDefinition())
                .withHeader("Remaining-Req", "group=" + group + "; min=1800; sec=" + Math.max(0, left)).build();
    }

    private static String group(String url) {
        return url.replaceFirst("\\?.*", "").replaceFirst("^/v1/", "").split("/")[0];
    }

    public int served() {
        return served.get();
    }

    /** Refusals by group and how far the window's oldest request was, for a failure message. */
    public Map<String, AtomicInteger> refusedBy() {
        return refusedBy;
    }

    public int refused() {
        return refused.get();
    }

    /** The most requests of {@code group} ever seen within one 1,000 ms window. */
    public int busiestWindow(String group) {
        AtomicInteger most = busiestSecond.get(group);
        return most == null ? 0 : most.get();
    }

    public void reset() {
        arrivals.clear();
        busiestSecond.clear();
        refusedBy.clear();
        served.set(0);
        refused.set(0);
    }

    @Override
    public String getName() {
        return "upbit-limits";
    }

    @Override
    public boolean applyToAdmin() {
        return false;
    }

    @Override
    public boolean applyToStubs() {
        return true;
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }
}
