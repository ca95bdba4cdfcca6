package com.smilingsteps.kit.web;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * {@code client-address.trusted-proxies}: the one property, in every service, naming the proxies
 * (CIDR ranges or addresses) whose X-Forwarded-For is believed. Unset or empty trusts nobody.
 */
@ConfigMapping(prefix = "client-address")
public interface ClientAddressConfig {

    Optional<List<String>> trustedProxies();
}
