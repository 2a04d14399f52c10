package com.autotrader.alerting;

/**
 * A message for send-telegram: the chat, the text (Telegram HTML when {@code html}), whether it arrives
 * without a sound ({@code silent}), and, when it is a retry of an earlier failed delivery, its alert_outbox
 * row and how often that row was tried already.
 */
public record TelegramText(String chatId, String text, boolean html, Long outboxId, int attempts, boolean silent) {

    public TelegramText(String chatId, String text, boolean html, Long outboxId, int attempts) {
        this(chatId, text, html, outboxId, attempts, false);
    }

    public static TelegramText html(String chatId, String text) {
        return new TelegramText(chatId, text, true, null, 0);
    }

    public TelegramText silently(boolean silent) {
        return new TelegramText(chatId, text, html, outboxId, attempts, silent);
    }
}
