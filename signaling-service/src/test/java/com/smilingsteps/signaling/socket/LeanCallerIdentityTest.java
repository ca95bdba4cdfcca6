package com.smilingsteps.signaling.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

/** An open socket keeps its caller's subject and roles, never the access token (issue 16 goal 5). */
class LeanCallerIdentityTest {

    private static final String RAW_TOKEN = "eyJhbGciOiJSUzI1NiJ9.payload.signature";

    @Test
    void theIdentityKeepsSubjectAndRolesButNotTheToken() {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("client-42");
        claims.setClaim("upn", "client-42");
        claims.setStringListClaim("groups", "client");
        JsonWebToken jwt = new DefaultJWTCallerPrincipal(RAW_TOKEN, "JWT", claims);
        SecurityIdentity verified = QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRole("client")
                .addAttribute("quarkus.user", jwt).addAttribute("tenant", "practice").build();

        SecurityIdentity lean = new LeanCallerIdentity().augment(verified, null).await().indefinitely();

        LeanCallerIdentity.Caller caller = assertInstanceOf(LeanCallerIdentity.Caller.class, lean.getPrincipal());
        assertEquals("client-42", caller.subject());
        assertEquals(Set.of("client"), lean.getRoles());
        assertEquals("practice", lean.getAttribute("tenant"));
        assertFalse(lean.getAttributes().values().stream().anyMatch(JsonWebToken.class::isInstance), "no parsed token kept");
        assertFalse(lean.toString().contains(RAW_TOKEN) || caller.toString().contains(RAW_TOKEN), "no raw token kept");
    }

    @Test
    void anAnonymousCallerIsLeftAsItIs() {
        SecurityIdentity anonymous = QuarkusSecurityIdentity.builder().setAnonymous(true).build();
        assertSame(anonymous, new LeanCallerIdentity().augment(anonymous, null).await().indefinitely());
        assertTrue(anonymous.isAnonymous());
    }
}
