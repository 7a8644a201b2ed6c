package io.innoleap.scheduler.reports;

import io.innoleap.scheduler.programme.ProgrammeCalendar;
import io.innoleap.scheduler.readmodel.PostedProblemStatement;
import io.innoleap.scheduler.readmodel.ReadModel;
import io.innoleap.scheduler.reports.domain.ProgrammeFunnel;
import io.innoleap.scheduler.reports.domain.ReportPeriod;
import io.innoleap.scheduler.reports.domain.StatementFacts;
import io.innoleap.scheduler.reports.store.ReportFacts;
import io.innoleap.scheduler.reports.store.ReportFacts.ClinicFact;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The programme report (v1.1): the funnel of the problem statements posted in a period, per theme,
 * from the read model (statements, matches) and the bookings this service keeps (clinics, workshops,
 * sharing days). See the README for what each figure counts.
 */
@Singleton
public class ProgrammeReports {

    private final ReadModel readModel;
    private final ReportFacts facts;
    private final ProgrammeCalendar calendar;
    private final Clock clock;

    public ProgrammeReports(ReadModel readModel, ReportFacts facts, ProgrammeCalendar calendar, Clock clock) {
        this.readModel = readModel;
        this.facts = facts;
        this.calendar = calendar;
        this.clock = clock;
    }

    public record Report(ReportPeriod period, ZoneId zone, Instant generatedAt, ProgrammeFunnel.Result funnel) {
    }

    public Report report(ReportPeriod period) {
        ZoneId zone = calendar.zone();
        Instant now = clock.instant();
        Instant start = period.start(zone);
        Instant end = period.end(zone);
        List<PostedProblemStatement> posted = readModel.postedBetween(start, end);
        Map<UUID, List<ClinicFact>> clinics = facts.clinicsOf(posted.stream().map(PostedProblemStatement::id).toList())
                .stream().collect(Collectors.groupingBy(ClinicFact::problemStatementId));
        List<StatementFacts> statements = posted.stream().map(p -> {
            List<ClinicFact> own = clinics.getOrDefault(p.id(), List.of());
            LocalDate firstConfirmed = own.stream().filter(c -> "CONFIRMED".equals(c.status()))
                    .map(ClinicFact::startsAt).min(Comparator.naturalOrder())
                    .map(t -> t.atZone(zone).toLocalDate()).orElse(null);
            return new StatementFacts(p.id(), Set.copyOf(p.themes()).stream().sorted().toList(),
                    p.postedAt().atZone(zone).toLocalDate(), p.everMatched(), !own.isEmpty(), firstConfirmed,
                    "PILOTING".equals(p.status()));
        }).toList();
        Instant heldUntil = now.isBefore(end) ? now : end;
        return new Report(period, zone, now, ProgrammeFunnel.count(statements, facts.heldBetween(start, heldUntil)));
    }
}
