package com.smilingsteps.notification.jobs;

/** Who an email goes to; {@code role} is {@code client} or {@code psychologist}. */
public record Recipient(String role, String id, String name, String email) {
}
