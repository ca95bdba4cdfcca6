package com.smilingsteps.session.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.kit.problem.ProblemException;

/**
 * The fields of a Daraja STK callback that settle a payment; plain, so the parsing is unit-tested.
 * {@code phone} as M-Pesa sent it: since March 2026 it masks most digits (254722XXX456).
 */
public record StkCallback(String merchantRequestId, String checkoutRequestId, int resultCode, String resultDesc,
        Long amount, String receipt, String phone) {

    /** M-Pesa receipt numbers are short alphanumerics; anything else is not shown or published. */
    private static final String RECEIPT_PATTERN = "[A-Za-z0-9]{1,32}";

    public boolean success() {
        return resultCode == 0;
    }

    public static StkCallback parse(JsonNode body) {
        JsonNode callback = body == null ? null : body.path("Body").path("stkCallback");
        if (callback == null || !callback.path("CheckoutRequestID").isTextual() || !callback.path("ResultCode").canConvertToInt()) {
            throw ProblemException.badRequest("Body.stkCallback", "not a Daraja STK callback");
        }
        Long amount = null;
        String receipt = null;
        String phone = null;
        for (JsonNode item : callback.path("CallbackMetadata").path("Item")) {
            switch (item.path("Name").asText()) {
                case "Amount" -> amount = wholeKes(item.path("Value"));
                case "MpesaReceiptNumber" -> receipt = item.path("Value").asText();
                case "PhoneNumber" -> phone = item.path("Value").asText();
                default -> {
                }
            }
        }
        return new StkCallback(callback.path("MerchantRequestID").asText(null), callback.path("CheckoutRequestID").asText(),
                callback.path("ResultCode").asInt(), truncate(callback.path("ResultDesc").asText("")), amount,
                receipt != null && receipt.matches(RECEIPT_PATTERN) ? receipt : null,
                phone != null && phone.matches("[0-9Xx*+ ]{9,20}") ? phone : null);
    }

    /** Daraja sends the amount as a number (sometimes with decimals); a fraction of a shilling never matches a price. */
    private static Long wholeKes(JsonNode value) {
        if (!value.isNumber() && !value.isTextual()) {
            return null;
        }
        try {
            java.math.BigDecimal decimal = new java.math.BigDecimal(value.asText().trim());
            return decimal.stripTrailingZeros().scale() <= 0 ? decimal.longValueExact() : -1L;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    static String truncate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300);
    }
}
