package io.innoleap.scheduler.clinics.domain;

/**
 * The state of a presented confirmation token: malformed, forged or unknown tokens are NOT_FOUND;
 * used and expired ones existed and will never work again. (The page answers NOT_FOUND with 404
 * and USED/EXPIRED with 410: see {@code clinics.api.ConfirmationPages}.)
 */
public enum TokenStatus {
    VALID, NOT_FOUND, USED, EXPIRED
}
