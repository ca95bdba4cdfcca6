package com.smilingsteps.session.account;

import java.util.regex.Pattern;

import com.smilingsteps.kit.problem.ProblemException;

/** Kenyan mobile numbers in the form M-Pesa expects (2547XXXXXXXX / 2541XXXXXXXX). */
public final class Phones {

    private static final Pattern KENYAN = Pattern.compile("^(?:\\+?254|0)([17]\\d{8})$");

    private Phones() {
    }

    public static String normalize(String phone) {
        String compact = phone == null ? "" : phone.replaceAll("[\\s-]", "");
        var matcher = KENYAN.matcher(compact);
        if (!matcher.matches()) {
            throw ProblemException.badRequest("phone", "phone must be a Kenyan mobile number such as 0712345678 or 254712345678");
        }
        return "254" + matcher.group(1);
    }
}
