package com.smilingsteps.session.web;

/** Picks the client address the audit log records. */
public final class ClientIp {

    private ClientIp() {
    }

    /** The first X-Forwarded-For entry (the gateway strips client-sent ones), else the remote address. */
    public static String of(String forwardedFor, String remoteAddress) {
        if (forwardedFor != null) {
            String first = forwardedFor.split(",", 2)[0].trim();
            if (!first.isEmpty() && first.length() <= 64) {
                return first;
            }
        }
        return remoteAddress;
    }
}
