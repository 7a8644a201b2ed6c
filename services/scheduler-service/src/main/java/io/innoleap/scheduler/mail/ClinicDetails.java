package io.innoleap.scheduler.mail;

import java.util.stream.Collectors;

/** The clinic facts shared by its emails and its confirmation page, in text and escaped HTML. */
final class ClinicDetails {
    private ClinicDetails() {
    }

    static String agency(ClinicMailView c) {
        return c.agency().name() + " (" + c.agency().code() + ")";
    }

    static String companies(ClinicMailView c) {
        return c.linkedCompanies().isEmpty() ? "none yet"
                : c.linkedCompanies().stream().map(ClinicMailView.LinkedCompany::organisationName).collect(Collectors.joining(", "));
    }

    static String location(ClinicMailView c) {
        return c.location() == null || c.location().isBlank() ? "to be sent by the coordinator" : c.location();
    }

    static String text(ClinicMailView c, ProgrammeTime time) {
        return "Problem statement: " + c.problemTitle() + "\n"
                + "Agency: " + agency(c) + "\n"
                + "When: " + time.range(c.startsAt(), c.endsAt()) + "\n"
                + "Where: " + location(c) + "\n"
                + "Coordinator: " + c.coordinator().name() + " <" + c.coordinator().email() + ">\n"
                + "Linked companies: " + companies(c) + "\n";
    }

    static String html(ClinicMailView c, ProgrammeTime time) {
        String companies = c.linkedCompanies().isEmpty() ? "none yet" : c.linkedCompanies().stream()
                .map(l -> "<li>" + Html.escape(l.organisationName()) + "</li>").collect(Collectors.joining("", "<ul style=\"margin:0;padding-left:18px\">", "</ul>"));
        return "<table style=\"border-collapse:collapse\">\n"
                + Layout.row("Problem statement", Html.escape(c.problemTitle()))
                + Layout.row("Agency", Html.escape(agency(c)))
                + Layout.row("When", Html.escape(time.range(c.startsAt(), c.endsAt())))
                + Layout.row("Where", Html.escape(location(c)))
                + Layout.row("Coordinator", Html.escape(c.coordinator().name()) + " &lt;" + Html.escape(c.coordinator().email()) + "&gt;")
                + Layout.row("Linked companies", companies)
                + "</table>";
    }
}
