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

    @WithDefault("https://sandbox.safaricom.co.ke")
    String baseUrl();

    Optional<String> consumerKey();

    Optional<String> consumerSecret();

    Optional<String> shortcode();

    Optional<String> passkey();

    /** Allowed only outside production: without credentials, STK pushes are simulated. */
    @WithDefault("false")
    boolean simulateWithoutCredentials();

    @WithDefault("PT3S")
    Duration simulatedCallbackDelay();

    @WithDefault("PT15S")
    Duration timeout();

    default boolean hasCredentials() {
        return present(consumerKey()) && present(consumerSecret()) && present(shortcode()) && present(passkey());
    }

    private static boolean present(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent();
    }
}
