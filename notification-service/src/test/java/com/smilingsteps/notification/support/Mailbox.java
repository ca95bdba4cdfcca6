package com.smilingsteps.notification.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.smilingsteps.infra.testing.SharedServers;

/** Reads what reached GreenMail. */
public final class Mailbox {

    private Mailbox() {
    }

    /** A received email, reduced to what the tests look at. */
    public record Email(String to, String subject, String html, String text, String jobId) {
    }

    public static List<Email> all() {
        List<Email> emails = new ArrayList<>();
        for (MimeMessage message : SharedServers.smtp().receivedMessages()) {
            emails.add(read(message));
        }
        return emails;
    }

    public static List<Email> to(String address) {
        return all().stream().filter(e -> e.to().equalsIgnoreCase(address)).toList();
    }

    /** Waits until {@code condition} holds; false after {@code timeout}. */
    public static boolean await(Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    private static Email read(MimeMessage message) {
        try {
            String to = Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString)
                    .findFirst().orElse("");
            String[] job = message.getHeader("X-Smiling-Steps-Notification");
            String html = null;
            String text = null;
            Object content = message.getContent();
            if (content instanceof MimeMultipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    var part = multipart.getBodyPart(i);
                    if (part.isMimeType("text/html")) {
                        html = part.getContent().toString();
                    } else if (part.isMimeType("text/plain")) {
                        text = part.getContent().toString();
                    } else if (part.getContent() instanceof MimeMultipart nested) {
                        for (int j = 0; j < nested.getCount(); j++) {
                            var inner = nested.getBodyPart(j);
                            if (inner.isMimeType("text/html")) {
                                html = inner.getContent().toString();
                            } else if (inner.isMimeType("text/plain")) {
                                text = inner.getContent().toString();
                            }
                        }
                    }
                }
            } else {
                text = content.toString();
            }
            return new Email(to, message.getSubject(), html, text, job == null ? null : job[0]);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable message", e);
        }
    }
}
