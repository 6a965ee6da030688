package org.yiwang.registry;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yiwang.platform.demo.DemoDataContributor;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.NewStaffAccount;

/** Registers the organisations and practitioners of 清水县 and one demo login per staff role. */
@Component
class RegistryDemoData implements DemoDataContributor {

    private static final Logger log = LoggerFactory.getLogger(RegistryDemoData.class);

    private final OrganisationStore organisationStore;
    private final PractitionerStore practitionerStore;
    private final NetworkStore networkStore;
    private final AccountAdministration accounts;

    RegistryDemoData(OrganisationStore organisationStore, PractitionerStore practitionerStore, NetworkStore networkStore,
            AccountAdministration accounts) {
        this.organisationStore = organisationStore;
        this.practitionerStore = practitionerStore;
        this.networkStore = networkStore;
        this.accounts = accounts;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public void load() {
        DemoCountyPlan plan = DemoCountyPlan.generate(DemoCounty.SEED);
        organisationStore.insertAll(plan.organisations(), DemoCounty.CREATED_BY);
        Map<String, Long> organisationIds = organisationStore.idsByCode();
        practitionerStore.insertAll(plan.practitioners(), organisationIds, DemoCounty.CREATED_BY);
        Map<String, Long> practitionerIds = practitionerStore.idsByKey();
        long networkStart = System.nanoTime();
        DemoNetworkPlan network = DemoNetworkPlan.of(plan);
        networkStore.insertAll(network, organisationIds, practitionerIds, DemoCounty.CREATED_BY);
        long networkMillis = (System.nanoTime() - networkStart) / 1_000_000;
        for (DemoCountyPlan.DemoLogin login : plan.logins()) {
            if (accounts.exists(login.username())) {
                continue;
            }
            var memberships = login.memberships().stream()
                    .map(m -> new NewStaffAccount.Membership(organisationIds.get(m.organisationCode()), m.role()))
                    .toList();
            accounts.createStaffAccount(new NewStaffAccount(login.username(), login.displayName(),
                    DemoMode.DEMO_PASSWORD, practitionerIds.get(login.practitionerKey()), memberships, true));
        }
        log.info("Demo county {}: {} organisations, {} practitioners, {} consortia, {} family-doctor teams (network in {} ms), "
                        + "{} staff demo logins", DemoCounty.NAME_ZH, plan.organisations().size(), plan.practitioners().size(),
                network.consortia().size(), network.teams().size(), networkMillis, plan.logins().size());
    }
}
