package com.smilingsteps.gateway.edge;

import java.util.UUID;
import java.util.regex.Pattern;

/** Keeps a caller's X-Request-Id when it is a sane token, otherwise makes a new one. */
public final class RequestIds {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private RequestIds() {
    }

    public static String acceptOrCreate(String offered) {
        if (offered != null && SAFE.matcher(offered).matches()) {
            return offered;
        }
        return UUID.randomUUID().toString();
    }
}
