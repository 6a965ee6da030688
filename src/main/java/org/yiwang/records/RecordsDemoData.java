package org.yiwang.records;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yiwang.mpi.ResidentDemographics;
import org.yiwang.mpi.Residents;
import org.yiwang.mpi.Sex;
import org.yiwang.platform.demo.DemoDataContributor;
import org.yiwang.registry.DemoCounty;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.OrganisationType;
import org.yiwang.registry.Organisations;
import org.yiwang.registry.PractitionerSummary;
import org.yiwang.registry.Practitioners;
import org.yiwang.registry.Profession;

/**
 * Clinical histories for the demo county's residents (runs after the master index): chronic patients with years of
 * readings, elderly annual checks, children's vaccinations, inpatient stays; the first adults of the county get a
 * full showcase history, so that the demo resident and the clinician pages look alive on first start.
 */
@Component
class RecordsDemoData implements DemoDataContributor {

    private static final Logger log = LoggerFactory.getLogger(RecordsDemoData.class);
    private static final int SHOWCASE_RESIDENTS = 3;

    private final Residents residents;
    private final Organisations organisations;
    private final Practitioners practitioners;
    private final EntryBulkLoader loader;
    private final ObservationCatalogue catalogue;
    private final IcdCodes icdCodes;
    private final RecordsProperties properties;
    private final Clock clock;
    private final AccessStore access;
    private final RecordAccessProperties accessProperties;

    RecordsDemoData(Residents residents, Organisations organisations, Practitioners practitioners,
                    EntryBulkLoader loader, ObservationCatalogue catalogue, IcdCodes icdCodes,
                    RecordsProperties properties, Clock clock, AccessStore access,
                    RecordAccessProperties accessProperties) {
        this.access = access;
        this.accessProperties = accessProperties;
        this.residents = residents;
        this.organisations = organisations;
        this.practitioners = practitioners;
        this.loader = loader;
        this.catalogue = catalogue;
        this.icdCodes = icdCodes;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public String name() {
        return "records";
    }

    @Override
    public void load() {
        LocalDate today = LocalDate.now(clock.withZone(SyntheticHistories.CHINA));
        SyntheticHistories histories = new SyntheticHistories(catalogue, today);
        EntryValidator validator = new EntryValidator(icdCodes, catalogue, properties.clockSkew(),
                properties.maxAttachment().toBytes(), clock);
        SiteDirectory sites = new SiteDirectory(organisations, practitioners);
        int showcase = 0;
        long entries = 0;
        long after = 0;
        List<ResidentDemographics> page;
        do {
            page = residents.demographics(after, 2_000, "演示数据");
            List<List<NewEntry>> batch = new ArrayList<>(page.size());
            for (ResidentDemographics r : page) {
                SyntheticHistories.Sites site = sites.of(r.registeredOrganisationId());
                if (site == null || r.birthDate() == null) {
                    continue;
                }
                int age = r.birthDate().until(today).getYears();
                boolean isShowcase = showcase < SHOWCASE_RESIDENTS && age >= 30 && age <= 60;
                if (isShowcase) {
                    showcase++;
                }
                batch.add(histories.historyOf(new SyntheticHistories.Person(r.id(), r.sex() == Sex.FEMALE,
                        r.birthDate(), isShowcase), site, DemoCounty.SEED));
            }
            entries += loader.load(batch, validator);
            after = page.isEmpty() ? after : page.getLast().id();
        } while (page.size() == 2_000);
        int relationships = access.treatingFromEntries(accessProperties.treatingWindow());
        log.info("Demo county {}: {} health-record entries, {} treating relationships", DemoCounty.NAME_ZH, entries,
                relationships);
    }

    /**
     * The village clinic, township centre and county hospital of a resident's registering organisation, and who
     * practises there; looked up once per organisation.
     */
    static final class SiteDirectory {

        private static final java.util.Set<Profession> CLINICIANS =
                java.util.Set.of(Profession.PHYSICIAN, Profession.VILLAGE_DOCTOR, Profession.PUBLIC_HEALTH_PHYSICIAN);

        private final Organisations organisations;
        private final Practitioners practitioners;
        private final Map<Long, SyntheticHistories.Sites> byOrganisation = new HashMap<>();
        private final Map<Long, List<Long>> authors = new HashMap<>();
        private final Long countyHospital;

        SiteDirectory(Organisations organisations, Practitioners practitioners) {
            this.organisations = organisations;
            this.practitioners = practitioners;
            this.countyHospital = organisations.listByType(OrganisationType.COUNTY_HOSPITAL).stream()
                    .map(OrganisationSummary::id).findFirst().orElse(null);
        }

        SyntheticHistories.Sites of(Long registeredOrganisationId) {
            if (registeredOrganisationId == null || countyHospital == null) {
                return null;
            }
            return byOrganisation.computeIfAbsent(registeredOrganisationId, id -> {
                List<OrganisationSummary> path = organisations.pathToRoot(id);
                Long village = path.stream().filter(o -> o.type() == OrganisationType.VILLAGE_CLINIC)
                        .map(OrganisationSummary::id).findFirst().orElse(null);
                Long township = path.stream().filter(o -> o.type() == OrganisationType.TOWNSHIP_HEALTH_CENTRE
                                || o.type() == OrganisationType.COMMUNITY_HEALTH_CENTRE)
                        .map(OrganisationSummary::id).findFirst().orElse(null);
                if (township == null) {
                    return null;
                }
                long clinic = village == null ? township : village;
                return new SyntheticHistories.Sites(clinic, township, countyHospital, authorsAt(clinic),
                        authorsAt(township), authorsAt(countyHospital));
            });
        }

        private List<Long> authorsAt(long organisationId) {
            return authors.computeIfAbsent(organisationId, id -> practitioners.practisingAt(List.of(id), 50).stream()
                    .filter(p -> p.organisationId() == id)
                    .filter(p -> CLINICIANS.contains(p.profession()))
                    .map(PractitionerSummary::id).toList());
        }
    }
}
