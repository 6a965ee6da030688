package org.yiwang.records;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
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

    private final SyntheticRecordLoader loader;

    RecordsDemoData(SyntheticRecordLoader loader) {
        this.loader = loader;
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
        SyntheticRecordLoader.LoadReport report = loader.loadDemo(DemoCounty.SEED, SHOWCASE_RESIDENTS);
        log.info("Demo county {}: {} health-record entries for {} residents, {} treating relationships ({} ms)",
                DemoCounty.NAME_ZH, report.entries(), report.residents(), report.relationships(),
                Math.round(report.seconds() * 1000));
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
