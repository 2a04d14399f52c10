package com.autotrader.commands;

/** One Telegram message read as a command: who sent it, whether that chat may command, the verb and its argument. */
public record Command(String chatId, boolean authorized, String name, String argument) {
}
