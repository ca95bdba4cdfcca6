package com.smilingsteps.session.payment;

import java.net.URI;
import java.util.Locale;

/** Which Daraja a deployment talks to: production refuses the sandbox unless told so explicitly. */
public final class MpesaEnvironment {

    public static final String SANDBOX = "sandbox";
    static final String SANDBOX_HOST = "sandbox.safaricom.co.ke";

    private MpesaEnvironment() {
    }

    /**
     * Throws when production would send payments to Daraja's sandbox (no money would move, yet
     * sessions would be marked paid) without {@code MPESA_ENVIRONMENT=sandbox}.
     */
    public static void requireMatchingBaseUrl(String baseUrl, String environment, boolean production) {
        String host = URI.create(baseUrl.trim()).getHost();
        boolean sandboxUrl = host != null && host.toLowerCase(Locale.ROOT).equals(SANDBOX_HOST);
        if (production && sandboxUrl && !SANDBOX.equals(environment.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException("MPESA_BASE_URL points at the Daraja sandbox (" + SANDBOX_HOST
                    + ") in production; set MPESA_BASE_URL=https://api.safaricom.co.ke, or MPESA_ENVIRONMENT=sandbox "
                    + "for a deliberate sandbox deployment");
        }
    }
}
