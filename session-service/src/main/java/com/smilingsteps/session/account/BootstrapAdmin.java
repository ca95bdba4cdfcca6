package com.smilingsteps.session.account;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.smilingsteps.kit.problem.ProblemException;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;

/**
 * Creates the first admin from BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD when no admin
 * exists yet. Without them nothing is invented.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    @ConfigMapping(prefix = "bootstrap.admin")
    public interface Config {
        Optional<String> email();

        Optional<String> password();
    }

    private final Config config;
    private final AccountService accounts;

    BootstrapAdmin(Config config, AccountService accounts) {
        this.config = config;
        this.accounts = accounts;
    }

    void onStart(@Observes StartupEvent event) {
        Optional<String> email = config.email().filter(v -> !v.isBlank());
        Optional<String> password = config.password().filter(v -> !v.isBlank());
        if (email.isEmpty() || password.isEmpty() || accounts.anyAdmin()) {
            return;
        }
        if (password.get().length() < 8) {
            throw new IllegalStateException("BOOTSTRAP_ADMIN_PASSWORD must have at least 8 characters");
        }
        try {
            accounts.create(new AccountService.NewAccount("Administrator", email.get(), password.get(), null, User.ADMIN,
                    null, null));
            LOG.info("created the bootstrap admin account");
        } catch (ProblemException e) {
            // another replica created it first, or the address belongs to an existing non-admin account
            LOG.warn("bootstrap admin not created: " + e.getMessage());
        }
    }
}
