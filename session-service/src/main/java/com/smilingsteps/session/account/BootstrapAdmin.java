package com.smilingsteps.session.account;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.jboss.logging.Logger;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import com.smilingsteps.kit.problem.ProblemException;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;

/**
 * Creates the first admin from BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD when no admin
 * exists yet. Without them nothing is invented. The account is marked as still using the
 * deployment's password ({@code bootstrapPassword}: the SPA reminds the admin to change it) until
 * that is changed; a bootstrap admin created before the mark existed is checked against the
 * configured password once.
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
    private final PasswordHasher hasher;

    BootstrapAdmin(Config config, AccountService accounts, PasswordHasher hasher) {
        this.config = config;
        this.accounts = accounts;
        this.hasher = hasher;
    }

    void onStart(@Observes StartupEvent event) {
        Optional<String> email = config.email().filter(v -> !v.isBlank());
        Optional<String> password = config.password().filter(v -> !v.isBlank());
        if (email.isEmpty() || password.isEmpty()) {
            return;
        }
        if (accounts.anyAdmin()) {
            markIfStillBootstrapPassword(email.get(), password.get());
            return;
        }
        if (password.get().length() < 8) {
            throw new IllegalStateException("BOOTSTRAP_ADMIN_PASSWORD must have at least 8 characters");
        }
        try {
            User admin = accounts.create(new AccountService.NewAccount("Administrator", email.get(), password.get(), null,
                    User.ADMIN, null, null));
            User.mongoCollection().updateOne(Filters.eq("_id", admin.id), Updates.set("bootstrapPassword", true));
            LOG.info("created the bootstrap admin account");
        } catch (ProblemException e) {
            // another replica created it first, or the address belongs to an existing non-admin account
            LOG.warn("bootstrap admin not created: " + e.getMessage());
        }
    }

    /** Accounts from before the mark: flagged while their password is still the configured one. */
    private void markIfStillBootstrapPassword(String email, String password) {
        accounts.byEmail(email).filter(u -> User.ADMIN.equals(u.role)).ifPresent(admin -> {
            Document stored = User.mongoCollection().withDocumentClass(Document.class)
                    .find(Filters.eq("_id", admin.id)).first();
            if (stored != null && !stored.containsKey("bootstrapPassword")) {
                User.mongoCollection().updateOne(Filters.and(Filters.eq("_id", admin.id), Filters.exists("bootstrapPassword", false)),
                        Updates.set("bootstrapPassword", hasher.matches(password, admin.passwordHash)));
            }
        });
    }
}
