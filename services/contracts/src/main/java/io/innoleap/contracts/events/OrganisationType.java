package io.innoleap.contracts.events;

/** Kinds of solution providers the programme works with. */
public enum OrganisationType {
    RESEARCH_INSTITUTE,
    INSTITUTE_OF_HIGHER_LEARNING,
    COMMERCIAL
}
