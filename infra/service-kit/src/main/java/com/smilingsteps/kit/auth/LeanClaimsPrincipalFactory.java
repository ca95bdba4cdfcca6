package com.smilingsteps.kit.auth;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtContext;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * smallrye-jwt's principal factory, verifying exactly as its default one does, whose principals look
 * a claim's name up instead of finding out by an exception. smallrye-jwt 4.6's
 * {@code getClaim(String)} asks {@code Claims.valueOf(name)} and catches the
 * IllegalArgumentException for every name that is not one of MP JWT's standard claims, and each
 * exception fills in the whole stack of the request: the session scope's two claims cost two on
 * every authenticated request, a join ticket's claims seven per socket (issue 16).
 * The kit's parsers ({@link CachingJwtParser}, {@link JwksKeys}) and signaling's ticket parser are
 * built with {@link #parser}. (Not registered in {@code META-INF/services}: under Quarkus' test class
 * loaders smallrye's service look-up then fails every request with "not a subtype".)
 */
public final class LeanClaimsPrincipalFactory extends JWTCallerPrincipalFactory {

    /**
     * smallrye-jwt's parser for {@code rules} with a factory of its own: never share one, because
     * smallrye's token parser inside it keeps the key resolver of the first context it meets.
     */
    public static DefaultJWTParser parser(JWTAuthContextInfo rules) {
        return new DefaultJWTParser(rules, new LeanClaimsPrincipalFactory());
    }

    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        JwtContext context = parser.parse(token, authContextInfo);
        String type = context.getJoseObjects().get(0).getHeader("typ");
        return new LeanClaimsPrincipal(type, context.getJwtClaims());
    }

    /** smallrye-jwt's principal with the claim-type look-up replaced; everything else is its own. */
    static final class LeanClaimsPrincipal extends DefaultJWTCallerPrincipal {

        private static final Map<String, Claims> STANDARD = Arrays.stream(Claims.values())
                .collect(Collectors.toUnmodifiableMap(Claims::name, claim -> claim));

        LeanClaimsPrincipal(String type, JwtClaims claims) {
            super(type, claims);
        }

        @Override
        protected Claims getClaimType(String claimName) {
            return STANDARD.getOrDefault(claimName, Claims.UNKNOWN);
        }
    }
}
