package com.autotrader.alerting;

import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a failure into an {@link Alert}. The fingerprint is SHA-256 of the error type, the message's first
 * 200 characters with volatile parts (UUIDs, long hex ids, timestamps, numbers, {@code to=} cursors) folded
 * away, and the first stack frame in the app's own code: the same failure matches itself, a different one
 * does not.
 */
@Component("alerts")
public class AlertFactory {

    static final String APP_PACKAGE = "com.autotrader.";
    static final int STACK_FRAMES = 5;
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'KST'");
    private static final List<Pattern> VOLATILE = List.of(
            Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b"),
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?"),
            Pattern.compile("(?<=[?&]to=)[^&\\s]+"),
            Pattern.compile("\\b[0-9a-fA-F]{16,}\\b"),
            Pattern.compile("\\d+(\\.\\d+)?"));

    private final Clock clock;

    public AlertFactory() {
        this(Clock.systemUTC());
    }

    AlertFactory(Clock clock) {
        this.clock = clock;
    }

    /** An alert for a failure, with the context the caller knows (route, coin, endpoint, status, …). */
    public Alert from(Throwable failure, Map<String, Object> context) {
        Throwable error = unwrap(failure);
        String type = error.getClass().getSimpleName();
        String message = Secrets.mask(String.valueOf(error.getMessage()));
        List<String> stack = stack(error);
        Instant now = clock.instant();
        Map<String, String> bullets = new LinkedHashMap<>();
        if (context != null) {
            context.forEach((k, v) -> {
                if (v != null && !String.valueOf(v).isBlank()) {
                    bullets.put(k, Secrets.mask(String.valueOf(v)));
                }
            });
        }
        bullets.put("time", TIME.format(now.atZone(KST)));
        return new Alert(fingerprint(type, message, firstOwnFrame(error)), type, message, bullets, stack, now);
    }

    /**
     * Camel wraps the real failure (CamelExecutionException, a bean expression's RuntimeBeanExpressionException,
     * …); the owner wants to read the real one: the first cause that is not one of Camel's wrappers.
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t && t.getClass().getName().startsWith("org.apache.camel.")) {
            t = t.getCause();
        }
        return t;
    }

    static String fingerprint(String type, String message, String frame) {
        // fold the volatile parts first, so a longer number earlier on does not move the 200-character cut
        String head = message;
        for (Pattern p : VOLATILE) {
            head = p.matcher(head).replaceAll("#");
        }
        head = head.length() > 200 ? head.substring(0, 200) : head;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((type + "\n" + head + "\n" + frame).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /**
     * The first frame in our code, walking causes too, past the exception's own factory methods
     * (UpstreamException.badData says nothing about where); without one, the first frame there is.
     */
    static String firstOwnFrame(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            for (StackTraceElement e : t.getStackTrace()) {
                if (isOwn(e, t)) {
                    return e.getClassName() + "." + e.getMethodName();
                }
            }
        }
        StackTraceElement[] frames = error.getStackTrace();
        return frames.length == 0 ? "" : frames[0].getClassName() + "." + frames[0].getMethodName();
    }

    private static boolean isOwn(StackTraceElement frame, Throwable thrown) {
        return frame.getClassName().startsWith(APP_PACKAGE) && !frame.getClassName().equals(thrown.getClass().getName());
    }

    /** A short stack: own frames first, since they say where in the app it happened; no reflection noise. */
    static List<String> stack(Throwable error) {
        List<String> own = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (StackTraceElement e : error.getStackTrace()) {
            String cls = e.getClassName();
            if (cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.reflect.")) {
                continue;
            }
            (isOwn(e, error) ? own : other).add("at " + e);
        }
        List<String> frames = new ArrayList<>(own);
        frames.addAll(other);
        return List.copyOf(frames.subList(0, Math.min(STACK_FRAMES, frames.size())));
    }
}
