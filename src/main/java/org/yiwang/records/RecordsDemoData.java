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
        private final List<Long> villageClinics;

        SiteDirectory(Organisations organisations, Practitioners practitioners) {
            this.organisations = organisations;
            this.practitioners = practitioners;
            this.countyHospital = organisations.listByType(OrganisationType.COUNTY_HOSPITAL).stream()
                    .map(OrganisationSummary::id).findFirst().orElse(null);
            this.villageClinics = organisations.listByType(OrganisationType.VILLAGE_CLINIC).stream()
                    .map(OrganisationSummary::id).toList();
        }

        /**
         * The sites of a resident registered at {@code registeredOrganisationId}; residents registered above the
         * township level (the load command's synthetic ones) are spread over the county's village clinics by id.
         */
        SyntheticHistories.Sites of(Long registeredOrganisationId, long residentId) {
            if (countyHospital == null) {
                return null;
            }
            SyntheticHistories.Sites own = registeredOrganisationId == null ? null : sitesOf(registeredOrganisationId);
            if (own != null || villageClinics.isEmpty()) {
                return own;
            }
            return sitesOf(villageClinics.get((int) Math.floorMod(residentId, (long) villageClinics.size())));
        }

        private SyntheticHistories.Sites sitesOf(long organisationId) {
            if (byOrganisation.containsKey(organisationId)) {
                return byOrganisation.get(organisationId);
            }
            List<OrganisationSummary> path = organisations.pathToRoot(organisationId);
            Long village = path.stream().filter(o -> o.type() == OrganisationType.VILLAGE_CLINIC)
                    .map(OrganisationSummary::id).findFirst().orElse(null);
            Long township = path.stream().filter(o -> o.type() == OrganisationType.TOWNSHIP_HEALTH_CENTRE
                            || o.type() == OrganisationType.COMMUNITY_HEALTH_CENTRE)
                    .map(OrganisationSummary::id).findFirst().orElse(null);
            SyntheticHistories.Sites sites = null;
            if (township != null) {
                long clinic = village == null ? township : village;
                sites = new SyntheticHistories.Sites(clinic, township, countyHospital, authorsAt(clinic),
                        authorsAt(township), authorsAt(countyHospital));
            }
            byOrganisation.put(organisationId, sites);
            return sites;
        }

        private List<Long> authorsAt(long organisationId) {
            return authors.computeIfAbsent(organisationId, id -> practitioners.practisingAt(List.of(id), 50).stream()
                    .filter(p -> p.organisationId() == id)
                    .filter(p -> CLINICIANS.contains(p.profession()))
                    .map(PractitionerSummary::id).toList());
        }
    }
}
