package com.autotrader.alerting;

/**
 * A message for send-telegram: the chat, the text (Telegram HTML when {@code html}), and, when it is a retry
 * of an earlier failed delivery, its alert_outbox row and how often that row was tried already.
 */
public record TelegramText(String chatId, String text, boolean html, Long outboxId, int attempts) {

    public static TelegramText html(String chatId, String text) {
        return new TelegramText(chatId, text, true, null, 0);
    }
}
