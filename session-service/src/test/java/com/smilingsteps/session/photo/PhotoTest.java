package com.smilingsteps.session.photo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.Api;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@ServiceTest
class PhotoTest {

    private static void upload(Api.Account who, Api.Account psychologist, String type, byte[] body, int status) {
        given().auth().oauth2(who.token()).contentType(type).body(body)
                .put("/api/psychologists/" + psychologist.id() + "/photo").then().statusCode(status);
    }

    @Test
    void aPsychologistsPhotoIsServedAsTheImageItIsAndShownInTheDirectory() {
        Api.Account psychologist = Api.newPsychologist();
        upload(psychologist, psychologist, "image/png", PhotoCheckTest.PNG, 200);
        String url = Api.as(Api.newClient()).queryParam("q", Api.psychologistName(psychologist)).get("/api/psychologists").then()
                .body("items[0].photo", startsWith("/api/psychologists/" + psychologist.id() + "/photo?v="))
                .extract().path("items[0].photo");
        byte[] served = Api.as(Api.newClient()).get(url).then().statusCode(200).contentType("image/png")
                .header("X-Content-Type-Options", "nosniff").extract().asByteArray();
        assertArrayEquals(PhotoCheckTest.PNG, served);
        // an admin replaces it
        byte[] jpeg = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16 };
        upload(Api.admin(), psychologist, "image/jpeg", jpeg, 200);
        Api.as(Api.newClient()).get("/api/psychologists/" + psychologist.id() + "/photo").then().contentType("image/jpeg");
    }

    @Test
    void anScriptDisguisedAsAnImageAnotherPsychologistsPhotoAndOversizeAreRefused() {
        Api.Account psychologist = Api.newPsychologist();
        given().auth().oauth2(psychologist.token()).contentType("image/png")
                .body("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".getBytes(StandardCharsets.UTF_8))
                .put("/api/psychologists/" + psychologist.id() + "/photo").then().statusCode(415)
                .contentType("application/problem+json").body("field", is("photo"));
        upload(Api.newPsychologist(), psychologist, "image/png", PhotoCheckTest.PNG, 403);
        upload(Api.newClient(), psychologist, "image/png", PhotoCheckTest.PNG, 403);
        byte[] large = new byte[PhotoCheck.MAX_BYTES + 100];
        System.arraycopy(PhotoCheckTest.PNG, 0, large, 0, PhotoCheckTest.PNG.length);
        upload(psychologist, psychologist, "image/png", large, 413);
        Api.as(Api.newClient()).get("/api/psychologists/" + psychologist.id() + "/photo").then().statusCode(404);
        Api.as(Api.newClient()).queryParam("q", Api.psychologistName(psychologist)).get("/api/psychologists").then()
                .body("items[0].photo", is((Object) null));
    }
}
