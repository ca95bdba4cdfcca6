package com.smilingsteps.signaling.socket;

import java.security.Principal;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Keeps only what an open socket needs of its caller: websockets-next holds the upgrade's identity
 * for the whole life of the connection, and smallrye-jwt's principal carries the raw token and
 * every parsed claim, about 3 KB per idle socket (issue 16 goal 5). The lean identity has the
 * caller's name and subject, the roles, and the attributes but the token. Nothing after the
 * upgrade reads the token: join tickets are separate tokens, verified by {@code JoinTicketVerifier}.
 */
@ApplicationScoped
public class LeanCallerIdentity implements SecurityIdentityAugmentor {

    /**
     * The authenticated caller: the access token's principal name, subject and {@code iat} (epoch
     * seconds, 0 without one: a revocation voids the tokens issued until then), nothing else.
     */
    record Caller(String name, String subject, long issuedAt) implements Principal {

        @Override
        public String getName() {
            return name;
        }
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder lean = QuarkusSecurityIdentity.builder()
                .setPrincipal(new Caller(jwt.getName(), jwt.getSubject(), jwt.getIssuedAtTime()))
                .addRoles(identity.getRoles());
        // smallrye-jwt also files the parsed token among the attributes
        identity.getAttributes().forEach((name, value) -> {
            if (!(value instanceof JsonWebToken)) {
                lean.addAttribute(name, value);
            }
        });
        return Uni.createFrom().item(lean.build());
    }
}
