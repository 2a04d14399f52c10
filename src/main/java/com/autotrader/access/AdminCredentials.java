package com.autotrader.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;

/**
 * The one login of the app (ADMIN_USERNAME / ADMIN_PASSWORD) and the optional API key. Without a password
 * one is generated for this run and printed once, so a fresh install is never open and never stuck.
 */
@Component
public class AdminCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(AdminCredentials.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final String username;
    private final String password;
    private final String apiKey;

    public AdminCredentials(@Value("${admin.username:admin}") String username,
                            @Value("${admin.password:}") String password,
                            @Value("${admin.api-key:}") String apiKey) {
        this.username = username.isBlank() ? "admin" : username.strip();
        if (password == null || password.isBlank()) {
            this.password = generate();
            LOG.warn("No ADMIN_PASSWORD set: Hawtio, actuator and acting endpoints use user '{}' with the password "
                    + "generated for this run: {}  (set ADMIN_PASSWORD to choose one)", this.username, this.password);
        } else {
            this.password = password;
        }
        this.apiKey = apiKey == null ? "" : apiKey.strip();
    }

    public String username() {
        return username;
    }

    String password() {
        return password;
    }

    public boolean hasApiKey() {
        return !apiKey.isEmpty();
    }

    /** Constant-time, so the key cannot be guessed a character at a time from response times. */
    public boolean isApiKey(String candidate) {
        return hasApiKey() && candidate != null && MessageDigest.isEqual(
                apiKey.getBytes(StandardCharsets.UTF_8), candidate.strip().getBytes(StandardCharsets.UTF_8));
    }

    static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            p.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return p.toString();
    }

    @Override
    public String toString() {
        return "AdminCredentials[" + username + ", api key " + (hasApiKey() ? "set" : "unset") + "]";
    }
}
