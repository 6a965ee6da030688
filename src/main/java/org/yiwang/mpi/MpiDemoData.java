package org.yiwang.mpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yiwang.platform.demo.DemoDataContributor;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.registry.DemoCounty;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.OrganisationType;
import org.yiwang.registry.Organisations;

/** Registers about 5,000 residents of 清水县 and the demo resident login; runs after the registry's part. */
@Component
class MpiDemoData implements DemoDataContributor {

    private static final Logger log = LoggerFactory.getLogger(MpiDemoData.class);
    static final String RESIDENT_USERNAME = "resident";

    private final Organisations organisations;
    private final ResidentStore residentStore;
    private final AccountAdministration accounts;
    private final Deduplication deduplication;

    MpiDemoData(Organisations organisations, ResidentStore residentStore, AccountAdministration accounts,
            Deduplication deduplication) {
        this.organisations = organisations;
        this.residentStore = residentStore;
        this.accounts = accounts;
        this.deduplication = deduplication;
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public String name() {
        return "mpi";
    }

    @Override
    public void load() {
        DemoResidentPlan plan = plan();
        DemoDuplicatePlan duplicates = duplicates(plan);
        residentStore.insertAll(duplicates.residents(), DemoCounty.CREATED_BY);
        NewResident login = plan.residents().stream()
                .filter(r -> r.healthRecordNumber().equals(plan.loginHealthRecordNumber()))
                .findFirst().orElseThrow();
        long residentId = residentStore.idByHealthRecordNumber(login.healthRecordNumber()).orElseThrow();
        if (!accounts.exists(RESIDENT_USERNAME)) {
            accounts.createResidentAccount(RESIDENT_USERNAME, login.name(), DemoMode.DEMO_PASSWORD, residentId, true);
        }
        log.info("Demo county {}: {} residents, {} of them registered twice or look-alikes ({} pairs)",
                DemoCounty.NAME_ZH, duplicates.residents().size(), duplicates.pairs().size() * 2,
                duplicates.pairs().size());
        // the review queue has real work on first start; twins and namesakes must not be merged (tested)
        deduplication.run(Runnable::run);
    }

    /** Second registrations at township centres and the county hospital, and look-alike people. */
    DemoDuplicatePlan duplicates(DemoResidentPlan plan) {
        List<Long> institutions = new ArrayList<>();
        organisations.listByType(OrganisationType.TOWNSHIP_HEALTH_CENTRE).forEach(o -> institutions.add(o.id()));
        organisations.listByType(OrganisationType.COUNTY_HOSPITAL).forEach(o -> institutions.add(o.id()));
        return DemoDuplicatePlan.generate(DemoCounty.SEED + 1, plan, institutions);
    }

    /** The residents to create, from the villages the registry holds; reads but never writes. */
    DemoResidentPlan plan() {
        return DemoResidentPlan.generate(DemoCounty.SEED, villages());
    }

    private List<DemoResidentPlan.Village> villages() {
        Map<Long, OrganisationSummary> townships = organisations.listByType(OrganisationType.TOWNSHIP_HEALTH_CENTRE)
                .stream().collect(Collectors.toMap(OrganisationSummary::id, Function.identity()));
        List<DemoResidentPlan.Village> villages = new ArrayList<>();
        for (OrganisationSummary clinic : organisations.listByType(OrganisationType.VILLAGE_CLINIC)) {
            OrganisationSummary township = townships.get(clinic.parentId());
            if (township == null || clinic.divisionCode().length() != 12) {
                continue;
            }
            villages.add(new DemoResidentPlan.Village(clinic.id(), clinic.divisionCode(),
                    placeName(township.nameZh(), "卫生院"), placeName(clinic.nameZh(), "卫生室")));
        }
        return villages;
    }

    /** 青石镇卫生院 → 青石镇, 柳溪村卫生室 → 柳溪村. */
    private static String placeName(String organisationName, String suffix) {
        return organisationName.endsWith(suffix)
                ? organisationName.substring(0, organisationName.length() - suffix.length())
                : organisationName;
    }
}
