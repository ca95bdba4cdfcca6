package com.smilingsteps.session.web;

import static org.hamcrest.Matchers.is;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.Api;

import io.quarkus.test.junit.QuarkusTest;

/** A page far past the end is a 400 naming page, not a 500: page × size once overflowed to a negative skip. */
@QuarkusTest
@ServiceTest
class PagingTest {

    @ParameterizedTest
    @ValueSource(strings = { "/api/sessions?page=30000000&size=100", "/api/psychologists?page=30000000&size=100",
            "/api/admin/users?page=30000000&size=100", "/api/admin/audit?page=30000000&size=100" })
    void aPageTooFarIsABadRequestNamingPage(String url) {
        Api.as(Api.admin()).get(url).then().statusCode(400).contentType("application/problem+json").body("field", is("page"));
    }
}
