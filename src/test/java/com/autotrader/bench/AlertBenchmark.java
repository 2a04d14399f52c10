package com.autotrader.bench;

import com.autotrader.api.UpstreamException;
import com.autotrader.support.TelegramStub;
import com.autotrader.support.TestApp;
import com.autotrader.support.TestServers;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Alert benchmarks (scripts/bench/alerts.sh runs this; it is not a test).
 *
 * <ol>
 *   <li>Latency: 200 distinct failures, one after the other; the time from handing the failure to the app to
 *   the Telegram stub receiving the message. The per-chat throttle is set to 1 ms here so the number is the
 *   pipeline's own: with Telegram's 1 message/s per chat, a burst of N distinct alerts takes N seconds.</li>
 *   <li>Storm: 10,000 identical failures spread over 10 s; how many messages arrive, and what the error path
 *   costs the failing exchange (capture, fingerprint, hand-off to the background).</li>
 * </ol>
 */
public final class AlertBenchmark {

    public static void main(String[] args) {
        Benchmarks.main(AlertBenchmark::run);
    }

    static void run() throws Exception {
        WireMockServer telegram = TestServers.telegram();
        TelegramStub.accepts(telegram);
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        AtomicInteger received = new AtomicInteger();
        telegram.addMockServiceRequestListener((request, response) -> {
            long now = System.nanoTime();
            received.incrementAndGet();
            String body = request.getBodyAsString();
            int start = body.indexOf("bench-");
            if (start >= 0) {
                receivedAt.putIfAbsent(body.substring(start, body.indexOf(' ', start)), now);
            }
        });
        try (ConfigurableApplicationContext app = TestApp.start("bench-alerts", Map.of(
                "telegram.token", TelegramStub.TOKEN, "error-reporting.chat-id", "777",
                "telegram.per-chat-interval-ms", "1", "logging.level.error-report", "WARN",
                "logging.level.com.autotrader", "WARN"))) {
            ProducerTemplate producer = app.getBean(ProducerTemplate.class);
            latency(producer, receivedAt);
            received.set(0);
            storm(producer, received);
        }
    }

    static void latency(ProducerTemplate producer, Map<String, Long> receivedAt) throws InterruptedException {
        int n = 200;
        // warm-up: the first alerts load classes and open connections
        for (int i = 0; i < 20; i++) {
            fail(producer, "bench-warm" + word(i) + " warm-up failure");
        }
        Thread.sleep(2000);
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            String key = "bench-" + word(i);
            long sent = System.nanoTime();
            fail(producer, key + " distinct failure");
            long deadline = sent + TimeUnit.SECONDS.toNanos(10);
            while (!receivedAt.containsKey(key) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            Long at = receivedAt.get(key);
            micros[i] = at == null ? Long.MAX_VALUE : (at - sent) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("latency: %d distinct alerts, exception -> Telegram stub: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                n, micros[n / 2] / 1000.0, micros[(int) (n * 0.99) - 1] / 1000.0, micros[n - 1] / 1000.0);
    }

    static void storm(ProducerTemplate producer, AtomicInteger received) throws InterruptedException {
        int n = 10_000;
        long[] micros = new long[n];
        List<Throwable> errors = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        int threadsBefore = Thread.activeCount();
        long started = System.nanoTime();
        Thread sender = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                long due = started + TimeUnit.MILLISECONDS.toNanos(i);   // 1,000 a second for 10 s
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                long t0 = System.nanoTime();
                try {
                    fail(producer, "storm of identical failures, request " + i);
                } catch (RuntimeException e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
                micros[i] = (System.nanoTime() - t0) / 1000;
            }
            done.countDown();
        });
        sender.start();
        done.await();
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        Thread.sleep(3000);
        Arrays.sort(micros);
        double mean = Arrays.stream(micros).average().orElse(0) / 1000.0;
        System.out.printf("storm: %d identical failures in %d ms -> %d Telegram message(s); error path per failure: "
                        + "mean %.3f ms, p50 %.3f ms, p99 %.3f ms; %d rejected; threads %d -> %d%n",
                n, tookMs, received.get(), mean, micros[n / 2] / 1000.0, micros[(int) (n * 0.99) - 1] / 1000.0,
                errors.size(), threadsBefore, Thread.activeCount());
    }

    static void fail(ProducerTemplate producer, String message) {
        producer.send("direct:report-failure", e -> e.setProperty(Exchange.EXCEPTION_CAUGHT,
                new UpstreamException("upbit", UpstreamException.Kind.UNAVAILABLE, message)));
    }

    /** Distinct letters, not numbers: numbers are folded out of fingerprints on purpose. */
    static String word(int i) {
        StringBuilder w = new StringBuilder();
        int v = i;
        do {
            w.append((char) ('a' + v % 26));
            v /= 26;
        } while (v > 0);
        return w.append('x').toString();
    }
}
