package io.innoleap.scheduler.domain;

/**
 * The state of a presented confirmation token, with the status the confirmation page answers with:
 * unknown or malformed tokens 404, used or expired ones 410 (Gone: it existed, it will never work again).
 */
public enum TokenStatus {
    VALID(200), NOT_FOUND(404), USED(410), EXPIRED(410);

    private final int httpStatus;

    TokenStatus(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
