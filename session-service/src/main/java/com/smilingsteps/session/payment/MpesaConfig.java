package com.smilingsteps.session.payment;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** M-Pesa Daraja (STK push) settings. Without credentials only the dev stack and tests may simulate. */
@ConfigMapping(prefix = "mpesa")
public interface MpesaConfig {

    /** Part of the callback URL that proves a callback came from the Daraja callback we registered. */
    String callbackSecret();

    /** Where the service is reachable from Daraja (APP_PUBLIC_URL). */
    String publicUrl();

    @WithDefault("https://api.safaricom.co.ke")
    String baseUrl();

    /** "production" or "sandbox" (MPESA_ENVIRONMENT); production refuses the sandbox base URL otherwise. */
    @WithDefault("production")
    String environment();

    Optional<String> consumerKey();

    Optional<String> consumerSecret();

    Optional<String> shortcode();

    Optional<String> passkey();

    /** Allowed only outside production: without credentials, STK pushes are simulated. */
    @WithDefault("false")
    boolean simulateWithoutCredentials();

    @WithDefault("PT3S")
    Duration simulatedCallbackDelay();

    /** Per request to Daraja; an STK push makes two (token, push), within the gateway's 30 s for the client's request. */
    @WithDefault("PT10S")
    Duration timeout();

    /** A payment still Processing this long after the STK push is asked about with STK Push Query. */
    @WithDefault("PT1M")
    Duration reconcileAfter();

    /**
     * How long an STK push M-Pesa never answered (it may have reached the phone) holds the slot or
     * seat: a paid callback in that time is matched to it, after it the payment is Failed.
     */
    @WithDefault("PT5M")
    Duration unansweredPromptHold();

    /** A payment M-Pesa has not confirmed after this long is marked Failed (an admin can still confirm it by hand). */
    @WithDefault("PT2H")
    Duration reconcileGiveUpAfter();

    default boolean hasCredentials() {
        return present(consumerKey()) && present(consumerSecret()) && present(shortcode()) && present(passkey());
    }

    private static boolean present(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent();
    }
}
