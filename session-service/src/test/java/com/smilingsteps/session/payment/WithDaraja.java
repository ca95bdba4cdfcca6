package com.smilingsteps.session.payment;

import java.util.Map;

import com.smilingsteps.session.support.DarajaStub;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Daraja credentials configured and pointing at the stub: real STK pushes, never simulated. */
public class WithDaraja implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        DarajaStub stub = DarajaStub.get();
        return Map.of("mpesa.base-url", stub.baseUrl(),
                "mpesa.consumer-key", DarajaStub.CONSUMER_KEY,
                "mpesa.consumer-secret", DarajaStub.CONSUMER_SECRET,
                "mpesa.shortcode", DarajaStub.SHORTCODE,
                "mpesa.passkey", DarajaStub.PASSKEY,
                "mpesa.public-url", "https://video.example.test");
    }
}
