package com.smilingsteps.session;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.MongoResource;
import com.smilingsteps.session.support.NotificationServiceStandIn;
import com.smilingsteps.session.support.SigningKeyResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The embedded servers, the signing key and notification-service's stand-in every Quarkus test of
 * this module runs against.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MongoResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SigningKeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NotificationServiceStandIn.class, scope = TestResourceScope.GLOBAL)
public @interface ServiceTest {
}
